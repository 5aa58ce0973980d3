/* 促销 in the back office (#/promotions): coupon templates (with what became of them) and claim campaigns with
   their windows; and, on a user's page, their coupons and a grant of one (admin-user-coupons). */
(function (window) {
  'use strict';
  var Admin = window.Admin, Shop = window.Shop;

  var couponStatuses = { 1: '未使用', 2: '已使用', 3: '已过期' };
  var campaignStatuses = { 1: '未开始', 2: '领取中', 3: '已结束' };
  var scopes = { all: '全场', goods: '商品', courses: '课程', category: '指定分类', auction: '拍卖专场' };

  function localInput(ms) { return Admin.localInput(ms, false); }
  function blankTemplate() { return { name: '', sale: '-10', condition: 100, validity: 'timer', timer: 30, start: '', end: '', scope: 'all', scope_id: '' }; }
  function blankCampaign() { return { title: '', coupon: '', count: 100, start: localInput(Date.now()), stop: localInput(Date.now() + 7 * 86400000) }; }
  function errorsOf(vm, answer) { return Admin.formErrors(vm, answer); }
  /** How a template reads: 满100减10, 八二折 … */
  function describe(coupon) {
    var off = coupon.sale.charAt(0) === '-' ? '减' + coupon.sale.slice(1) + ' 元' : coupon.sale.slice(1) * 10 + ' 折';
    return (coupon.condition ? '满 ' + coupon.condition + ' 元' : '无门槛') + ' ' + off + '（' + (scopes[coupon.scope] || coupon.scope) + (coupon.scope_id ? ' ' + coupon.scope_id : '') + '）';
  }

  window.Vue.component('admin-promotions', {
    template: '#admin-promotions-template',
    props: { me: Object },
    data: function () {
      return { templates: [], campaigns: [], template: blankTemplate(), templateErrors: {}, campaign: blankCampaign(), campaignErrors: {}, busy: false,
        campaignStatuses: campaignStatuses, scopes: scopes };
    },
    computed: { writable: function () { return Admin.can(this.me, 'promotions', 'write'); } },
    created: function () { this.load(); },
    methods: {
      time: Admin.time,
      describe: describe,
      load: function () {
        var vm = this;
        Admin.api('GET', '/admin/api/coupons/').then(function (answer) { var list = vm.$root.shown(answer); if (list) vm.templates = list; });
        Admin.api('GET', '/admin/api/coupon-campaigns/').then(function (answer) { var list = vm.$root.shown(answer); if (list) vm.campaigns = list; });
      },
      saveTemplate: function () {
        var vm = this, t = vm.template;
        var body = { name: t.name, sale: t.sale, condition: Number(t.condition) || 0, scope: t.scope };
        if (t.validity === 'timer') body.timer = Number(t.timer);
        else { body.start_date = t.start ? new Date(t.start).toISOString() : ''; body.end_date = t.end ? new Date(t.end).toISOString() : ''; }
        if (t.scope === 'category' || t.scope === 'auction') body.scope_id = Number(t.scope_id) || null;
        vm.busy = true;
        Admin.api('POST', '/staff/coupons/', body).then(function (answer) {
          vm.busy = false;
          if (!answer.ok) { vm.templateErrors = errorsOf(vm, answer); return; }
          Shop.toast('优惠券 ' + answer.data.name + ' 已创建', 'success');
          vm.template = blankTemplate();
          vm.templateErrors = {};
          vm.load();
        });
      },
      saveCampaign: function () {
        var vm = this, c = vm.campaign;
        var body = { title: c.title, coupon: Number(c.coupon) || null, count: Number(c.count),
          apply_start_date: c.start ? new Date(c.start).toISOString() : '', apply_stop_date: c.stop ? new Date(c.stop).toISOString() : '' };
        vm.busy = true;
        Admin.api('POST', '/staff/coupon-campaigns/', body).then(function (answer) {
          vm.busy = false;
          if (!answer.ok) { vm.campaignErrors = errorsOf(vm, answer); return; }
          Shop.toast('领券活动已创建', 'success');
          vm.campaign = blankCampaign();
          vm.campaignErrors = {};
          vm.load();
        });
      }
    }
  });

  /** A user's coupons on their page in the back office, and a grant of one (promotions.write). */
  window.Vue.component('admin-user-coupons', {
    template: '#admin-user-coupons-template',
    props: { me: Object, userId: Number },
    data: function () { return { coupons: [], templates: [], chosen: '', busy: false, couponStatuses: couponStatuses }; },
    computed: { writable: function () { return Admin.can(this.me, 'promotions', 'write'); } },
    created: function () { this.load(); },
    watch: { userId: function () { this.load(); } },
    methods: {
      time: Admin.time,
      describe: describe,
      load: function () {
        var vm = this;
        Admin.api('GET', '/admin/api/users/' + vm.userId + '/coupons/').then(function (answer) { var list = vm.$root.shown(answer); if (list) vm.coupons = list; });
        if (vm.writable) Admin.api('GET', '/admin/api/coupons/').then(function (answer) { var list = vm.$root.shown(answer); if (list) vm.templates = list; });
      },
      grant: function () {
        var vm = this, chosen = vm.templates.filter(function (t) { return t.coupon.id === Number(vm.chosen); })[0];
        if (!chosen || !window.confirm('发放优惠券“' + chosen.coupon.name + '”给该用户？')) return;
        vm.busy = true;
        Admin.api('POST', '/staff/users/' + vm.userId + '/coupons/', { coupon: chosen.coupon.id }).then(function (answer) {
          vm.busy = false;
          if (!vm.$root.shown(answer)) return;
          Shop.toast('已发放 ' + chosen.coupon.name, 'success');
          vm.chosen = '';
          vm.load();
        });
      }
    }
  });
})(window);
