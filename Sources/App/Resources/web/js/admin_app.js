/* The back office's single page: sign-in, then the sections my roles allow (#/, #/staff, #/audit). */
(function (window) {
  'use strict';
  var Admin = window.Admin, Shop = window.Shop;

  function emptyPage() { return { count: 0, next: null, previous: null, results: [] }; }

  /** A DRF page's pager: the total, this page's number, previous and next (emits `go` with the page wanted). */
  window.Vue.component('admin-pager', {
    props: { page: Object, number: Number, unit: String },
    template: '<nav class="d-flex align-items-center gap-2" v-if="page.count">' +
      '<span class="small text-muted me-auto">共 {{ page.count }} {{ unit }}</span>' +
      '<button type="button" class="btn btn-sm btn-outline-secondary" :disabled="number <= 1" @click="$emit(\'go\', number - 1)">上一页</button>' +
      '<span class="small">第 {{ number }} 页</span>' +
      '<button type="button" class="btn btn-sm btn-outline-secondary" :disabled="!page.next" @click="$emit(\'go\', number + 1)">下一页</button></nav>'
  });

  /** A sortable column's header: click to sort by `field`, again to reverse; emits `sort` with the new `?ordering=`. */
  window.Vue.component('admin-sort', {
    props: { field: String, value: String },
    template: '<button type="button" class="btn btn-link p-0 text-reset text-decoration-none text-nowrap admin-sort" ' +
      ':data-sort="field" :aria-sort="value === field ? \'ascending\' : value === \'-\' + field ? \'descending\' : \'none\'" ' +
      '@click="$emit(\'sort\', value === \'-\' + field ? field : \'-\' + field)"><slot></slot> ' +
      '<span class="text-muted small" aria-hidden="true">{{ value === field ? \'▲\' : value === \'-\' + field ? \'▼\' : \'↕\' }}</span></button>'
  });

  Admin.templates(['catalog', 'auctions', 'community', 'promotions', 'user-coupons', 'courses']).then(function () { mount(); });

  function mount() { return new window.Vue({
    el: '#app',
    data: {
      me: Admin.token() ? Admin.me() : null,
      view: 'home',
      busy: false,
      form: { username: '', password: '' },
      errors: {},
      roles: [],
      members: [],
      memberQuery: '',
      editing: null,
      roleErrors: {},
      audit: emptyPage(),
      auditPage: 1,
      auditFilter: { staff: '', target_type: '', target_id: '', action: '', since: '', until: '' },
      auditError: '',
      open: {},
      stats: null,
      statsDays: 30,
      orders: emptyPage(),
      orderPage: 1,
      orderFilter: { status: '', q: '', since: '', until: '', ordering: '-create_time' },
      order: null,
      note: '',
      shipment: { carrier: '', tracking_no: '' },
      shipErrors: {},
      users: emptyPage(),
      userPage: 1,
      userFilter: { q: '', active: '', ordering: '-id' },
      account: null,
      ledger: null,
      ledgerKind: 'wallet',
      adjustment: { amount: '', reason: '' },
      adjustErrors: {},
      orderStatuses: { 1: '待支付', 2: '待发货', 3: '待收货', 4: '待评价', 5: '已完成', 6: '已取消' },
      payMethods: { 1: '货到付款', 2: '支付宝', 3: '微信支付' }
    },
    computed: {
      statCards: function () {
        var s = this.stats;
        if (!s) return [];
        return [
          { label: '用户总数', value: s.total_users }, { label: '今日新增', value: s.new_users_today },
          { label: '今日活跃', value: s.active_users_today }, { label: '今日下单用户', value: s.ordering_users_today },
          { label: '今日订单', value: s.orders_today }, { label: '今日销售额', value: '¥' + s.sales_today, money: true }
        ];
      }
    },
    created: function () {
      var vm = this;
      window.addEventListener('hashchange', vm.route);
      if (vm.me) {
        // The session may have ended, or my roles changed since it began: ask again.
        Admin.api('GET', '/admin/api/me/').then(function (answer) {
          if (answer.ok) { vm.me = answer.data; window.sessionStorage.setItem('admin_me', JSON.stringify(answer.data)); vm.route(); } else { vm.signedOut(); }
        });
      }
    },
    methods: {
      can: function (area, access) { return Admin.can(this.me, area, access); },
      time: Admin.time,
      login: function () {
        var vm = this;
        vm.errors = {};
        if (!vm.form.username) vm.$set(vm.errors, 'username', '请输入用户名或手机号');
        if (!vm.form.password) vm.$set(vm.errors, 'password', '请输入密码');
        if (Object.keys(vm.errors).length) return;
        vm.busy = true;
        Admin.api('POST', '/admin/api/authorizations/', { username: vm.form.username, password: vm.form.password }).then(function (answer) {
          vm.busy = false;
          if (!answer.ok) { vm.errors = { other: Shop.errorText(answer.data, '登录失败') }; return; }
          Admin.saveSession(answer.data);
          vm.me = answer.data.me;
          vm.form.password = '';
          vm.route();
        });
      },
      logout: function () { Admin.clearSession(); this.signedOut(); },
      signedOut: function () { this.me = null; this.view = 'home'; window.location.hash = ''; },
      route: function () {
        var vm = this;
        var name = (window.location.hash || '#/').replace(/^#\/?/, '') || 'home';
        if (name === 'dashboard' && vm.can('dashboard')) { vm.view = 'dashboard'; vm.loadStats(vm.statsDays); return; }
        if (name === 'catalog' && vm.can('catalog')) { vm.view = 'catalog'; return; }
        if (name === 'auctions' && vm.can('auctions')) { vm.view = 'auctions'; return; }
        if (name === 'promotions' && vm.can('promotions')) { vm.view = 'promotions'; return; }
        if (name === 'courses' && vm.can('courses')) { vm.view = 'courses'; return; }
        if (name === 'community' && vm.can('community')) { vm.view = 'community'; return; }
        if (name === 'orders' && vm.can('orders')) { vm.view = 'orders'; vm.order = null; vm.searchOrders(1); return; }
        if (name === 'users' && vm.can('users')) { vm.view = 'users'; vm.account = null; vm.searchUsers(1); return; }
        if (name === 'staff' && vm.can('staff')) { vm.view = 'staff'; vm.loadRoles(); vm.loadMembers(); return; }
        if (name === 'audit' && vm.can('audit')) { vm.view = 'audit'; vm.searchAudit(1); return; }
        vm.view = 'home';
      },
      refused: function (answer) {
        if (answer.status === 401) { this.signedOut(); return true; }
        return false;
      },
      /** An answer's data when it succeeded (true when it has none); otherwise the refusal is shown (or the session ended) and it is null. */
      shown: function (answer) {
        if (answer.ok) return answer.data === null ? true : answer.data;
        if (!this.refused(answer)) Shop.toast(Shop.errorText(answer.data), 'danger');
        return null;
      },

      // Roles and staff
      loadRoles: function () {
        var vm = this;
        Admin.api('GET', '/admin/api/roles/').then(function (answer) {
          var roles = vm.shown(answer);
          if (roles) vm.roles = roles;
        });
      },
      loadMembers: function () {
        var vm = this;
        var url = '/admin/api/staff/' + (vm.memberQuery ? '?q=' + encodeURIComponent(vm.memberQuery) : '');
        Admin.api('GET', url).then(function (answer) {
          var members = vm.shown(answer);
          if (members) vm.members = members;
        });
      },
      permissionNames: function (codes) {
        var titles = {};
        this.me.areas.forEach(function (a) { titles[a.area] = a.title; });
        return codes.map(function (code) {
          if (code === '*') return '全部权限';
          var parts = code.split('.');
          return (titles[parts[0]] || parts[0]) + (parts[1] === 'write' ? '·管理' : '·查看');
        });
      },
      editRole: function (role) {
        this.roleErrors = {};
        this.editing = role ? { id: role.id, name: role.name, permissions: role.permissions.slice() } : { id: null, name: '', permissions: [] };
      },
      saveRole: function () {
        var vm = this, role = vm.editing;
        vm.busy = true;
        var call = role.id
          ? Admin.api('PUT', '/admin/api/roles/' + role.id + '/', { permissions: role.permissions })
          : Admin.api('POST', '/admin/api/roles/', { name: role.name, permissions: role.permissions });
        call.then(function (answer) {
          vm.busy = false;
          if (!answer.ok) {
            if (vm.refused(answer)) return;
            vm.roleErrors = Shop.fieldErrors(answer.data);
            if (!Object.keys(vm.roleErrors).length) vm.roleErrors = { other: Shop.errorText(answer.data) };
            return;
          }
          Shop.toast('角色已保存', 'success');
          vm.editing = null;
          vm.loadRoles();
        });
      },
      saveMember: function (member) {
        var vm = this;
        // Taking every role away ends the account's staff rights: ask first.
        if (!member.roles.length && !window.confirm('取消 ' + member.username + ' 的全部角色后，该账号将不能再登录运营中心。确定吗？')) return;
        vm.busy = true;
        Admin.api('PUT', '/admin/api/users/' + member.id + '/roles/', { roles: member.roles }).then(function (answer) {
          vm.busy = false;
          if (!answer.ok) { if (!vm.refused(answer)) Shop.toast(Shop.errorText(answer.data), 'danger'); vm.loadMembers(); return; }
          Shop.toast(member.username + ' 的角色已保存', 'success');
          vm.loadRoles();
        });
      },

      // Dashboard
      loadStats: function (days) {
        var vm = this;
        vm.statsDays = days;
        Admin.api('GET', '/admin/api/dashboard/?days=' + days).then(function (answer) {
          if (!vm.shown(answer)) return;
          vm.stats = answer.data;
          vm.$nextTick(vm.drawCharts);
        });
      },
      drawCharts: function () {
        var s = this.stats, charts = this.charts || (this.charts = {});
        if (!window.Chart || !s) return;
        var labels = s.days.map(function (d) { return d.date.slice(5); });
        function draw(id, config) {
          if (charts[id]) charts[id].destroy();
          var canvas = document.getElementById(id);
          if (canvas) charts[id] = new window.Chart(canvas, config);
        }
        var options = { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } };
        draw('chart-daily', { type: 'line', options: options, data: { labels: labels, datasets: [
          { label: '新增用户', data: s.days.map(function (d) { return d.new_users; }), borderColor: '#0d6efd', backgroundColor: '#0d6efd' },
          { label: '订单', data: s.days.map(function (d) { return d.orders; }), borderColor: '#e4393c', backgroundColor: '#e4393c' }] } });
        draw('chart-sales', { type: 'bar', options: options, data: { labels: labels, datasets: [
          { label: '销售额', data: s.days.map(function (d) { return Number(d.sales); }), backgroundColor: '#e4393c' }] } });
        draw('chart-visits', { type: 'bar', options: Object.assign({}, options, { indexAxis: 'y' }), data: {
          labels: s.category_visits.map(function (c) { return c.name; }),
          datasets: [{ label: '访问量', data: s.category_visits.map(function (c) { return c.count; }), backgroundColor: '#6c757d' }] } });
      },
      exportStats: function () {
        // A link can't carry the staff token: fetch the CSV and hand it to the browser as a download.
        var vm = this;
        window.fetch('/admin/api/dashboard/export/?days=' + vm.statsDays, { headers: { Authorization: 'JWT ' + Admin.token() } })
          .then(function (response) {
            if (!response.ok) throw new Error('导出失败');
            return response.blob();
          })
          .then(function (blob) {
            var link = document.createElement('a');
            link.href = window.URL.createObjectURL(blob);
            link.download = 'meiduo-' + vm.stats.today + '-' + vm.statsDays + 'd.csv';
            document.body.appendChild(link);
            link.click();
            link.remove();
            window.setTimeout(function () { window.URL.revokeObjectURL(link.href); }, 1000);
          })
          .catch(function (error) { Shop.toast(error.message, 'danger'); });
      },

      // Orders
      dayParams: function (filter, params) {
        // Dates are whole local days: from the start of `since` to the end of `until`.
        if (filter.since) params.set('since', new Date(filter.since + 'T00:00:00').toISOString());
        if (filter.until) params.set('until', new Date(new Date(filter.until + 'T00:00:00').getTime() + 86400000).toISOString());
      },
      searchOrders: function (page) {
        var vm = this, params = new URLSearchParams();
        if (vm.orderFilter.status) params.set('status', vm.orderFilter.status);
        if (vm.orderFilter.q) params.set('q', vm.orderFilter.q);
        vm.dayParams(vm.orderFilter, params);
        params.set('ordering', vm.orderFilter.ordering);
        if (page > 1) params.set('page', page);
        Admin.api('GET', '/admin/api/orders/?' + params.toString()).then(function (answer) {
          if (!vm.shown(answer)) return;
          vm.orders = answer.data;
          vm.orderPage = page;
        });
      },
      sortOrders: function (ordering) { this.orderFilter.ordering = ordering; this.searchOrders(1); },
      sortUsers: function (ordering) { this.userFilter.ordering = ordering; this.searchUsers(1); },
      statusClass: function (status) {
        return { 1: 'text-bg-warning', 2: 'text-bg-danger', 3: 'text-bg-primary', 4: 'text-bg-info', 5: 'text-bg-success', 6: 'text-bg-secondary' }[status];
      },
      openOrder: function (id) {
        var vm = this;
        Admin.api('GET', '/admin/api/orders/' + id + '/').then(function (answer) {
          if (!vm.shown(answer)) return;
          vm.order = answer.data;
          vm.note = '';
          vm.shipment = { carrier: '', tracking_no: '' };
          vm.shipErrors = {};
        });
      },
      orderAction: function (call, done) {
        var vm = this;
        vm.busy = true;
        return call.then(function (answer) {
          vm.busy = false;
          if (!vm.shown(answer)) return answer;
          Shop.toast(done, 'success');
          vm.openOrder(vm.order.order.order_id);
          return answer;
        });
      },
      shipOrder: function () {
        var vm = this;
        vm.shipErrors = {};
        if (!vm.shipment.carrier) vm.$set(vm.shipErrors, 'carrier', '请选择快递公司');
        if (!vm.shipment.tracking_no) vm.$set(vm.shipErrors, 'tracking_no', '请输入快递单号');
        if (Object.keys(vm.shipErrors).length) return;
        vm.busy = true;
        Admin.api('PUT', '/admin/api/orders/' + vm.order.order.order_id + '/ship/', vm.shipment).then(function (answer) {
          vm.busy = false;
          if (!answer.ok) {
            if (vm.refused(answer)) return;
            vm.shipErrors = Shop.fieldErrors(answer.data);
            if (!Object.keys(vm.shipErrors).length) vm.shipErrors = { other: Shop.errorText(answer.data) };
            return;
          }
          Shop.toast('已发货', 'success');
          vm.order = answer.data;
        });
      },
      cancelOrder: function () {
        if (!window.confirm('取消订单 ' + this.order.order.order_id + '？库存和优惠券将退回。')) return;
        this.orderAction(Admin.api('PUT', '/admin/api/orders/' + this.order.order.order_id + '/cancel/'), '订单已取消');
      },
      refundOrder: function () {
        if (!window.confirm('向买家退款 ¥' + this.order.order.pay_amount + ' 并取消订单？此操作不可撤销。')) return;
        this.orderAction(Admin.api('PUT', '/orders/' + this.order.order.order_id + '/refund/'), '已提交退款');
      },
      addNote: function () {
        var vm = this;
        vm.orderAction(Admin.api('POST', '/admin/api/orders/' + vm.order.order.order_id + '/notes/', { text: vm.note }), '备注已添加');
      },

      // Users
      searchUsers: function (page) {
        var vm = this, params = new URLSearchParams();
        if (vm.userFilter.q) params.set('q', vm.userFilter.q);
        if (vm.userFilter.active) params.set('active', vm.userFilter.active);
        params.set('ordering', vm.userFilter.ordering);
        if (page > 1) params.set('page', page);
        Admin.api('GET', '/admin/api/users/?' + params.toString()).then(function (answer) {
          if (!vm.shown(answer)) return;
          vm.users = answer.data;
          vm.userPage = page;
        });
      },
      openAccount: function (id) {
        var vm = this;
        Admin.api('GET', '/admin/api/users/' + id + '/').then(function (answer) {
          if (!vm.shown(answer)) return;
          vm.account = answer.data;
          vm.adjustErrors = {};
          if (vm.can('finance')) vm.loadLedger(vm.ledgerKind);
        });
      },
      toggleActive: function () {
        var vm = this, user = vm.account.user, active = !user.is_active;
        if (!active && !window.confirm('停用 ' + user.username + '？该账号将立即退出，不能登录和下单。')) return;
        vm.busy = true;
        Admin.api('PUT', '/admin/api/users/' + user.id + '/active/', { is_active: active }).then(function (answer) {
          vm.busy = false;
          if (!vm.shown(answer)) return;
          vm.account = answer.data;
          Shop.toast(active ? '账号已启用' : '账号已停用', 'success');
        });
      },
      loadLedger: function (kind) {
        var vm = this;
        vm.ledgerKind = kind;
        vm.adjustErrors = {};
        Admin.api('GET', '/admin/api/users/' + vm.account.user.id + '/' + kind + '/').then(function (answer) {
          var ledger = vm.shown(answer);
          if (ledger) vm.ledger = ledger;
        });
      },
      adjust: function () {
        var vm = this, user = vm.account.user;
        vm.adjustErrors = {};
        if (!vm.adjustment.amount) vm.$set(vm.adjustErrors, 'amount', '请输入数额');
        if (!vm.adjustment.reason) vm.$set(vm.adjustErrors, 'reason', '请写明原因');
        if (Object.keys(vm.adjustErrors).length) return;
        if (!window.confirm('为 ' + user.username + ' 调整' + (vm.ledgerKind === 'wallet' ? '余额 ¥' : '积分 ') + vm.adjustment.amount + '？')) return;
        vm.busy = true;
        Admin.api('POST', '/staff/users/' + user.id + '/' + vm.ledgerKind + '/', vm.adjustment).then(function (answer) {
          vm.busy = false;
          if (!answer.ok) {
            if (vm.refused(answer)) return;
            vm.adjustErrors = Shop.fieldErrors(answer.data);
            if (!Object.keys(vm.adjustErrors).length) vm.adjustErrors = { other: Shop.errorText(answer.data) };
            return;
          }
          Shop.toast('已调整', 'success');
          vm.adjustment = { amount: '', reason: '' };
          vm.openAccount(user.id);
        });
      },

      // Audit log
      searchAudit: function (page) {
        var vm = this;
        var params = new URLSearchParams();
        ['staff', 'target_type', 'target_id', 'action'].forEach(function (key) {
          if (vm.auditFilter[key]) params.set(key, vm.auditFilter[key]);
        });
        vm.dayParams(vm.auditFilter, params);
        if (page > 1) params.set('page', page);
        vm.auditError = '';
        Admin.api('GET', '/admin/api/audit/?' + params.toString()).then(function (answer) {
          if (!answer.ok) { if (!vm.refused(answer)) vm.auditError = Shop.errorText(answer.data); return; }
          vm.audit = answer.data;
          vm.auditPage = page;
          vm.open = {};
        });
      },
      toggle: function (id) { this.$set(this.open, id, !this.open[id]); },
      pretty: function (text) {
        try { return JSON.stringify(JSON.parse(text), null, 2); } catch (e) { return text; }
      }
    }
  }); }
})(window);
