/* 美多商城 storefront: what every page shares. The login token, the API call and its error text, the header
   (who is logged in, the cart count, the search box), the footer and toasts. Pages are Vue 2 apps that use
   window.Shop; nothing here needs a build step. */
(function (window, document) {
  'use strict';

  // The original front end kept the login in sessionStorage, or localStorage when "remember me" was ticked.
  function stored(key) { return window.sessionStorage.getItem(key) || window.localStorage.getItem(key); }

  var Shop = {
    token: function () { return stored('token'); },
    username: function () { return stored('username'); },
    userId: function () { return Number(stored('user_id')) || null; },

    /** Keeps `{token, user_id, username}` from a login answer. */
    saveLogin: function (data, remember) {
      Shop.clearLogin();
      var storage = remember ? window.localStorage : window.sessionStorage;
      storage.setItem('token', data.token);
      storage.setItem('user_id', String(data.user_id || data.id));
      storage.setItem('username', data.username);
    },

    clearLogin: function () {
      ['token', 'user_id', 'username'].forEach(function (key) {
        window.sessionStorage.removeItem(key);
        window.localStorage.removeItem(key);
      });
    },

    logout: function () {
      Shop.clearLogin();
      window.location.href = '/login.html';
    },

    /** The value of a query parameter of this page's URL. */
    query: function (name) { return new URLSearchParams(window.location.search).get(name); },

    /** Sends a login-less visitor to the login page, coming back here afterwards; true when logged in. */
    requireLogin: function () {
      if (Shop.token()) return true;
      window.location.href = '/login.html?next=' + encodeURIComponent(window.location.pathname + window.location.search);
      return false;
    },

    /**
     * Calls the API; resolves to {ok, status, data} and never rejects (a network failure is status 0).
     * A 401 on a logged-in call means the login ended: it is forgotten so the header shows the truth.
     */
    api: function (method, url, body) {
      var token = Shop.token();
      return Shop.request(method, url, body, token, { credentials: 'include' }).then(function (answer) {
        if (answer.status === 401 && token && url.indexOf('/cart/') !== 0) Shop.clearLogin();
        return answer;
      });
    },

    /** The JSON call behind `api` (and the back office's), with `token` as the login and `extra` fetch options. */
    request: function (method, url, body, token, extra) {
      var headers = { Accept: 'application/json' };
      if (token) headers.Authorization = 'JWT ' + token;
      var options = Object.assign({ method: method, headers: headers }, extra || {});
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        options.body = JSON.stringify(body);
      }
      return window.fetch(url, options).then(function (response) {
        return response.text().then(function (text) {
          var data = null;
          try { data = text ? JSON.parse(text) : null; } catch (e) { data = { detail: text }; }
          return { ok: response.ok, status: response.status, data: data };
        });
      }, function () {
        return { ok: false, status: 0, data: { detail: '网络错误，请检查网络后再试' } };
      });
    },

    /** Uploads a file as the request body (the shop's picture uploads), with the shopper's login. */
    upload: function (url, file) {
      var token = Shop.token();
      return Shop.request('POST', url, undefined, token, { body: file, headers: {
        Accept: 'application/json', Authorization: 'JWT ' + token, 'Content-Type': file.type || 'application/octet-stream' } });
    },

    /** The message a refusal carries, in the order the original front end looked for it. */
    errorText: function (data, fallback) {
      if (!data) return fallback || '操作失败，请稍后再试';
      if (Array.isArray(data)) return data[0] || fallback;
      if (data.non_field_errors) return data.non_field_errors[0];
      if (data.message) return data.message;
      if (data.detail) return data.detail;
      for (var key in data) {
        if (Array.isArray(data[key]) && data[key].length) return data[key][0];
      }
      return fallback || '操作失败，请稍后再试';
    },

    /** Field errors of a 400 as {field: first message}. */
    fieldErrors: function (data) {
      var errors = {};
      if (data && !Array.isArray(data)) {
        Object.keys(data).forEach(function (key) {
          if (Array.isArray(data[key]) && key !== 'non_field_errors') errors[key] = data[key][0];
        });
      }
      return errors;
    },

    /** A short message in the corner; kind is success, danger or secondary. */
    toast: function (text, kind) {
      var holder = document.getElementById('toasts');
      if (!holder) {
        holder = document.createElement('div');
        holder.id = 'toasts';
        holder.className = 'toast-holder';
        holder.setAttribute('aria-live', 'polite');
        document.body.appendChild(holder);
      }
      var toast = document.createElement('div');
      toast.className = 'shop-toast text-bg-' + (kind || 'secondary');
      toast.setAttribute('role', kind === 'danger' ? 'alert' : 'status');
      toast.textContent = text;
      holder.appendChild(toast);
      window.setTimeout(function () { toast.remove(); }, 3500);
    },

    money: function (value) { return Number(value || 0).toFixed(2); },

    /** A uuid4 for the captcha, as the original front end made it. */
    uuid: function () {
      if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
      return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, function (c) {
        var r = Math.random() * 16 | 0;
        return (c === 'x' ? r : (r & 0x3 | 0x8)).toString(16);
      });
    },

    /** Draws the header (into #site-header) and the footer (into #site-footer), then the cart count. */
    renderChrome: function () {
      var header = document.getElementById('site-header');
      if (header) {
        var name = Shop.username();
        var q = Shop.query('q') || '';
        header.innerHTML =
          '<div class="topbar border-bottom small"><div class="container d-flex flex-wrap justify-content-between py-1 gap-2">' +
          '<span>欢迎来到美多商城！</span><span class="user-links">' +
          (name
            ? '欢迎您：<a class="fw-bold" href="/user_center_info.html" data-user-name></a> <a href="#" data-logout>退出</a>'
            : '<a href="/login.html">请登录</a> <a href="/register.html">免费注册</a>') +
          ' <span class="text-muted">|</span> <a href="/user_center_info.html">用户中心</a>' +
          ' <span class="text-muted">|</span> <a href="/user_center_order.html">我的订单</a>' +
          ' <span class="text-muted">|</span> <a href="/courses.html">课程</a>' +
          ' <span class="text-muted">|</span> <a href="/auctions.html">拍卖</a>' +
          ' <span class="text-muted">|</span> <a href="/community.html">社区</a></span></div></div>' +
          '<div class="container d-flex flex-wrap align-items-center py-3 gap-3">' +
          '<a href="/" class="logo fs-2 fw-bold text-decoration-none">美多商城</a>' +
          '<form class="flex-grow-1 d-flex search-form" action="/search.html" method="get" role="search">' +
          '<label class="visually-hidden" for="header-search">搜索商品</label>' +
          '<input class="form-control" id="header-search" type="search" name="q" placeholder="搜索商品">' +
          '<button class="btn btn-danger ms-2 text-nowrap" type="submit">搜索</button></form>' +
          '<a class="btn btn-outline-danger text-nowrap" href="/cart.html">我的购物车 <span class="badge bg-danger" data-cart-count>0</span></a></div>';
        var nameLink = header.querySelector('[data-user-name]');
        if (nameLink) nameLink.textContent = name;
        header.querySelector('#header-search').value = q;
        var logout = header.querySelector('[data-logout]');
        if (logout) logout.addEventListener('click', function (event) { event.preventDefault(); Shop.logout(); });
      }
      var footer = document.getElementById('site-footer');
      if (footer) {
        footer.innerHTML = '<footer class="border-top mt-5 py-4 bg-light small text-center text-muted">' +
          '<div class="mb-2"><a class="text-muted me-3" href="/">关于我们</a><a class="text-muted me-3" href="/">联系我们</a>' +
          '<a class="text-muted me-3" href="/">招聘人才</a><a class="text-muted" href="/">友情链接</a></div>' +
          '<div>CopyRight &copy; 2016 北京美多商业股份有限公司 All Rights Reserved</div></footer>';
      }
      Shop.refreshCartCount();
    },

    /** The number of items in the cart (stored or anonymous), plus a logged-in shopper's courses, shown in the header. */
    refreshCartCount: function () {
      var badge = document.querySelector('[data-cart-count]');
      if (!badge) return;
      var courses = Shop.token() ? Shop.api('GET', '/cart/courses/') : Promise.resolve({ ok: false });
      Promise.all([Shop.api('GET', '/cart/'), courses]).then(function (answers) {
        if (!answers[0].ok || !Array.isArray(answers[0].data)) return;
        var goods = answers[0].data.reduce(function (sum, line) { return sum + line.count; }, 0);
        badge.textContent = goods + (answers[1].ok ? answers[1].data.count : 0);
      });
    }
  };

  window.Shop = Shop;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', Shop.renderChrome);
  else Shop.renderChrome();
})(window, document);
