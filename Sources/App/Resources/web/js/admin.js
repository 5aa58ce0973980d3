/* 美多运营中心 (the back office at /admin/): the staff session and the staff API call. The session is kept in
   sessionStorage only (a shared office computer forgets it with the tab) and apart from the shop's login, so a staff
   member can shop in one tab and work in another. Errors read as the shop's (window.Shop.errorText). */
(function (window) {
  'use strict';

  var Admin = {
    token: function () { return window.sessionStorage.getItem('admin_token'); },
    me: function () {
      try { return JSON.parse(window.sessionStorage.getItem('admin_me') || 'null'); } catch (e) { return null; }
    },
    saveSession: function (data) {
      window.sessionStorage.setItem('admin_token', data.token);
      window.sessionStorage.setItem('admin_me', JSON.stringify(data.me));
    },
    clearSession: function () {
      window.sessionStorage.removeItem('admin_token');
      window.sessionStorage.removeItem('admin_me');
    },

    /** {ok, status, data}, never rejecting; a 401 ends the session (it expired or the account lost its rights). */
    api: function (method, url, body) {
      var headers = { Accept: 'application/json' };
      var token = Admin.token();
      if (token) headers.Authorization = 'JWT ' + token;
      var options = { method: method, headers: headers };
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        options.body = JSON.stringify(body);
      }
      return window.fetch(url, options).then(function (response) {
        return response.text().then(function (text) {
          var data = null;
          try { data = text ? JSON.parse(text) : null; } catch (e) { data = { detail: text }; }
          if (response.status === 401 && token) Admin.clearSession();
          return { ok: response.ok, status: response.status, data: data };
        });
      }, function () {
        return { ok: false, status: 0, data: { detail: '网络错误，请检查网络后再试' } };
      });
    },

    /** Whether my roles allow `access` ('read' or 'write') to `area`. */
    can: function (me, area, access) {
      if (!me) return false;
      return me.permissions.indexOf(area + '.' + (access || 'read')) >= 0;
    },

    /** A local time as staff read it: 2026-12-01 10:05:03. */
    time: function (iso) {
      if (!iso) return '—';
      var d = new Date(iso);
      var pad = function (n) { return (n < 10 ? '0' : '') + n; };
      return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
    }
  };

  window.Admin = Admin;
})(window);
