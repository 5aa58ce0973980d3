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

    /** The sections' component templates (`/admin/templates/<name>.html`, one file per section) put in the page as
        `<script type="text/x-template" id="admin-<name>-template">`, where the components look for them. Resolves
        once all are in; a template that fails to load leaves its section empty and says so on the console. */
    templates: function (names) {
      return Promise.all(names.map(function (name) {
        return window.fetch('/admin/templates/' + name + '.html', { cache: 'no-cache' }).then(function (response) {
          if (!response.ok) throw new Error('template ' + name + ': HTTP ' + response.status);
          return response.text();
        }).then(function (text) {
          var script = window.document.createElement('script');
          script.type = 'text/x-template';
          script.id = 'admin-' + name + '-template';
          script.text = text;
          window.document.body.appendChild(script);
        }).catch(function (error) { window.console.error(error); });
      }));
    },

    /** {ok, status, data}, never rejecting; a 401 ends the session (it expired or the account lost its rights). */
    api: function (method, url, body) {
      var token = Admin.token();
      return window.Shop.request(method, url, body, token).then(function (answer) {
        if (answer.status === 401 && token) Admin.clearSession();
        return answer;
      });
    },

    /** Uploads a picture: the body is the file itself, as the staff API's upload routes read it. Same answer shape as `api`. */
    upload: function (url, file) {
      var token = Admin.token();
      return window.Shop.request('POST', url, undefined, token, { body: file, headers: {
        Accept: 'application/json', Authorization: 'JWT ' + token, 'Content-Type': file.type || 'application/octet-stream' } })
        .then(function (answer) {
          if (answer.status === 401 && token) Admin.clearSession();
          return answer;
        });
    },

    /** Whether my roles allow `access` ('read' or 'write') to `area`. */
    can: function (me, area, access) {
      if (!me) return false;
      return me.permissions.indexOf(area + '.' + (access || 'read')) >= 0;
    },

    /** A refused form's errors for the page: the field errors of a 400, or its one message as `other`; {} when the
        refusal ended the session (the root page signs out). */
    formErrors: function (vm, answer) {
      if (vm.$root.refused(answer)) return {};
      var errors = window.Shop.fieldErrors(answer.data);
      if (!Object.keys(errors).length) errors = { other: window.Shop.errorText(answer.data) };
      return errors;
    },

    /** The value a `datetime-local` input shows for an instant (local time; to the second when `seconds`). */
    localInput: function (instant, seconds) {
      if (!instant) return '';
      var d = new Date(instant), pad = function (n) { return (n < 10 ? '0' : '') + n; };
      return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' + pad(d.getMinutes()) +
        (seconds ? ':' + pad(d.getSeconds()) : '');
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
