/* 拍卖 in the back office (#/auctions): sessions (created and rescheduled with date-time pickers), their lots (added,
   pictured, described) and each status as the clock has it — the open session is read again every few seconds, so
   staff watch it go 预展中 → 拍卖中 → 已结束 as the jobs move it. Sessions and lots are read through the public
   `/auctions/` answers; writes go through the staff routes. */
(function (window) {
  'use strict';
  var Admin = window.Admin, Shop = window.Shop;

  function localInput(date) { return Admin.localInput(date, true); }
  /** An instant, with its offset, for a `datetime-local` value. */
  function instant(value) { return value ? new Date(value).toISOString() : ''; }
  function blankSession() {
    var hour = 3600 * 1000, now = Date.now();
    return { id: null, title: '', deposit: '0.00', preview: localInput(now + hour), start: localInput(now + 24 * hour), end: localInput(now + 26 * hour) };
  }
  function blankLot() { return { uid: '', title: '', start_price: '', unit: '', reserve_price: '', deposit: '' }; }
  var statusClasses = { 1: 'text-bg-secondary', 2: 'text-bg-info', 3: 'text-bg-danger', 4: 'text-bg-dark' };
  var lotClasses = { 1: 'text-bg-secondary', 2: 'text-bg-info', 3: 'text-bg-danger', 4: 'text-bg-success', 5: 'text-bg-dark', 6: 'text-bg-warning' };

  window.Vue.component('admin-auctions', {
    template: '#admin-auctions-template',
    props: { me: Object },
    data: function () {
      return {
        busy: false, filter: '', sessions: [], detail: null, form: null, errors: {},
        lotForm: blankLot(), lotErrors: {}, lot: null, lotTerms: null, lotEdit: {}, lotEditErrors: {},
        bids: { count: 0, next: null, previous: null, results: [] }, bidsPage: 1,
        termFields: [{ key: 'start_price', label: '起拍价' }, { key: 'unit', label: '加价幅度' }, { key: 'reserve_price', label: '保留价' },
          { key: 'highest_price', label: '参考高价' }, { key: 'deposit', label: '单品保证金' }], specsText: '', specsError: '', pictureError: '', timer: null,
        deposits: [], orders: [], coupons: [], orderStatuses: { 1: '未支付', 2: '待收货', 3: '已完成', 4: '逾期未支付' }, payTypes: { 1: '微信', 2: '余额', 3: '支付宝' }
      };
    },
    computed: {
      writable: function () { return Admin.can(this.me, 'auctions', 'write'); },
      /** New times can be set until bidding opens (the server says so too). */
      reschedulable: function () { return this.detail && this.detail.session.status < 3; }
    },
    created: function () { this.load(); },
    beforeDestroy: function () { window.clearInterval(this.timer); },
    methods: {
      time: Admin.time,
      statusClass: function (status) { return statusClasses[status]; },
      lotClass: function (status) { return lotClasses[status]; },
      shown: function (answer) { return this.$root.shown(answer); },
      formErrors: function (answer) { return Admin.formErrors(this, answer); },
      load: function () {
        var vm = this;
        Admin.api('GET', '/auctions/' + (vm.filter ? '?status=' + vm.filter : '')).then(function (answer) {
          var list = vm.shown(answer);
          if (list) vm.sessions = list;
        });
      },
      newSession: function () { this.detail = null; this.form = blankSession(); this.errors = {}; },
      open: function (id) {
        var vm = this;
        vm.form = null;
        vm.lot = null;
        window.clearInterval(vm.timer);
        vm.refresh(id, true);
        // Watch the status move on the clock while the session is open.
        vm.timer = window.setInterval(function () { if (vm.detail) vm.refresh(vm.detail.session.id, false); }, 5000);
      },
      refresh: function (id, fill) {
        var vm = this;
        return Admin.api('GET', '/auctions/' + id + '/').then(function (answer) {
          var detail = vm.shown(answer);
          if (!detail) return;
          vm.detail = detail;
          vm.loadMoney(id);
          if (fill) {
            var s = detail.session;
            vm.form = { id: s.id, title: s.title, deposit: s.deposit, preview: localInput(s.preview_start_time), start: localInput(s.auction_start_time), end: localInput(s.auction_end_time) };
            vm.errors = {};
          }
        });
      },
      /** The session's deposits, its won lots' orders and its coupons (staff with auctions.read). */
      loadMoney: function (id) {
        var vm = this;
        Admin.api('GET', '/admin/api/auctions/' + id + '/deposits/').then(function (answer) { if (answer.ok) vm.deposits = answer.data; });
        Admin.api('GET', '/admin/api/auctions/' + id + '/orders/').then(function (answer) { if (answer.ok) vm.orders = answer.data; });
        Admin.api('GET', '/admin/api/auctions/' + id + '/coupons/').then(function (answer) { if (answer.ok) vm.coupons = answer.data; });
      },
      ship: function (order) {
        var vm = this;
        if (!window.confirm('确认拍品“' + order.title + '”已发出？')) return;
        Admin.api('PUT', '/staff/auctions/orders/' + order.id + '/ship/').then(function (answer) {
          if (!vm.$root.shown(answer)) return;
          Shop.toast('已发货', 'success');
          vm.loadMoney(vm.detail.session.id);
        });
      },
      close: function () { window.clearInterval(this.timer); this.detail = null; this.form = null; this.lot = null; this.load(); },
      saveSession: function () {
        var vm = this, f = vm.form;
        vm.errors = {};
        if (!f.title) vm.$set(vm.errors, 'title', '请输入专场名称');
        if (!f.preview || !f.start || !f.end) vm.$set(vm.errors, 'auction_end_time', '请选择三个时间');
        else if (!(new Date(f.preview) <= new Date(f.start) && new Date(f.start) < new Date(f.end))) vm.$set(vm.errors, 'auction_end_time', '须满足 预展开始 ≤ 开拍 < 结束');
        if (Object.keys(vm.errors).length) return;
        var body = { title: f.title, deposit: f.deposit || '0', preview_start_time: instant(f.preview), auction_start_time: instant(f.start), auction_end_time: instant(f.end) };
        vm.busy = true;
        Admin.api(f.id ? 'PUT' : 'POST', f.id ? '/admin/api/auctions/' + f.id + '/' : '/staff/auctions/', body).then(function (answer) {
          vm.busy = false;
          if (!answer.ok) { vm.errors = vm.formErrors(answer); return; }
          Shop.toast(f.id ? '专场已保存，状态任务已按新时间安排' : '专场已创建，可以添加拍品了', 'success');
          vm.open(answer.data.id);
        });
      },
      uploadCover: function (event) {
        var vm = this, file = event.target.files[0];
        if (!file) return;
        Admin.upload('/admin/api/auctions/' + vm.detail.session.id + '/cover/', file).then(function (answer) {
          event.target.value = '';
          if (!vm.shown(answer)) return;
          Shop.toast('封面已更新', 'success');
          vm.refresh(vm.detail.session.id, false);
        });
      },
      addLot: function () {
        var vm = this, f = vm.lotForm;
        vm.lotErrors = {};
        ['uid', 'title', 'start_price', 'unit'].forEach(function (key) { if (!f[key]) vm.$set(vm.lotErrors, key, '必填'); });
        if (Object.keys(vm.lotErrors).length) return;
        var body = { uid: f.uid, title: f.title, start_price: f.start_price, unit: f.unit };
        if (f.reserve_price) body.reserve_price = f.reserve_price;
        if (f.deposit) body.deposit = f.deposit;
        vm.busy = true;
        Admin.api('POST', '/staff/auctions/' + vm.detail.session.id + '/items/', body).then(function (answer) {
          vm.busy = false;
          if (!answer.ok) { vm.lotErrors = vm.formErrors(answer); return; }
          Shop.toast('拍品已添加', 'success');
          vm.lotForm = blankLot();
          vm.refresh(vm.detail.session.id, false);
          vm.openLot(answer.data.id);
        });
      },
      lotErrorText: function () {
        var errors = this.lotErrors;
        return errors.other || '请检查标红的项：' + Object.keys(errors).map(function (k) { return errors[k]; }).join('；');
      },
      openLot: function (id) {
        var vm = this;
        Admin.api('GET', '/auctions/items/' + id + '/?refresh=1').then(function (answer) {
          var lot = vm.shown(answer);
          if (!lot) return;
          vm.lot = lot;
          vm.specsText = lot.specs.map(function (s) { return s.key + '：' + s.value; }).join('\n');
          vm.specsError = '';
          vm.pictureError = '';
        });
        vm.loadTerms(id);
        vm.loadBids(1);
      },
      /** The lot as staff see it: every term, the reserve, the leader by name. */
      loadTerms: function (id) {
        var vm = this;
        return Admin.api('GET', '/admin/api/auction-items/' + id + '/').then(function (answer) {
          if (!answer.ok) return;
          var t = answer.data;
          vm.lotTerms = t;
          vm.lotEdit = { uid: t.uid, title: t.title, start_price: t.start_price, unit: t.unit, reserve_price: t.reserve_price || '',
            highest_price: t.highest_price || '', deposit: t.deposit };
          vm.lotEditErrors = {};
        });
      },
      loadBids: function (number) {
        var vm = this, id = vm.lot && vm.lot.id;
        if (!id) return;
        Admin.api('GET', '/admin/api/auction-items/' + id + '/bids/' + (number > 1 ? '?page=' + number : '')).then(function (answer) {
          if (!answer.ok) return;
          vm.bids = answer.data;
          vm.bidsPage = number;
        });
      },
      saveLot: function () {
        var vm = this, f = vm.lotEdit, body = {};
        Object.keys(f).forEach(function (key) { if (f[key] !== '') body[key] = f[key]; });
        vm.busy = true;
        Admin.api('PUT', '/admin/api/auction-items/' + vm.lot.id + '/', body).then(function (answer) {
          vm.busy = false;
          if (!answer.ok) { vm.lotEditErrors = vm.formErrors(answer); return; }
          Shop.toast('拍品已保存', 'success');
          vm.openLot(vm.lot.id);
          vm.refresh(vm.detail.session.id, false);
        });
      },
      uploadLotPicture: function (event) {
        var vm = this, file = event.target.files[0];
        if (!file) return;
        vm.busy = true;
        Admin.upload('/admin/api/auction-items/' + vm.lot.id + '/images/', file).then(function (answer) {
          vm.busy = false;
          event.target.value = '';
          if (!answer.ok) { if (!vm.$root.refused(answer)) vm.pictureError = Shop.errorText(answer.data); return; }
          vm.lot = answer.data;
          Shop.toast('图片已上传', 'success');
          vm.refresh(vm.detail.session.id, false);
        });
      },
      saveSpecs: function () {
        var vm = this;
        var specs = vm.specsText.split('\n').map(function (line) { return line.trim(); }).filter(Boolean).map(function (line) {
          var parts = line.split(/[:：]/);
          return { key: (parts.shift() || '').trim(), value: parts.join('：').trim() };
        });
        Admin.api('PUT', '/admin/api/auction-items/' + vm.lot.id + '/specs/', { specs: specs }).then(function (answer) {
          if (!answer.ok) { vm.specsError = vm.$root.refused(answer) ? '' : Shop.errorText(answer.data); return; }
          vm.lot = answer.data;
          vm.specsError = '';
          Shop.toast('拍品参数已保存', 'success');
        });
      }
    }
  });
})(window);
