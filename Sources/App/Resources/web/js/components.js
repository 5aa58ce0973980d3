/* Vue components shared by the list, search and user-center pages. */
(function (Vue) {
  'use strict';

  // A product card: picture, price, name, comment count, linking to the product page.
  Vue.component('sku-card', {
    props: { sku: { type: Object, required: true } },
    template:
      '<div class="sku-card">' +
      '<a :href="\'/goods/\' + sku.id + \'.html\'"><img :src="sku.default_image_url" :alt="sku.name" loading="lazy"></a>' +
      '<div class="price fw-bold mt-2">¥{{ sku.price }}</div>' +
      '<a class="name d-block text-body" :href="\'/goods/\' + sku.id + \'.html\'" :title="sku.name">{{ sku.name }}</a>' +
      '<div class="small text-muted mt-1" v-if="sku.comments !== undefined">{{ sku.comments }} 条评价</div>' +
      '</div>'
  });

  // Page numbers for a DRF page: emits `go` with the page number.
  Vue.component('pager', {
    props: { page: Number, pages: Number },
    computed: {
      numbers: function () {
        var first = Math.max(1, this.page - 2), last = Math.min(this.pages, first + 4), list = [];
        first = Math.max(1, last - 4);
        for (var n = first; n <= last; n++) list.push(n);
        return list;
      }
    },
    template:
      '<nav aria-label="分页" v-if="pages > 1"><ul class="pagination pagination-sm justify-content-center mt-4">' +
      '<li class="page-item" :class="{disabled: page <= 1}"><a class="page-link" href="#" @click.prevent="page > 1 && $emit(\'go\', page - 1)">上一页</a></li>' +
      '<li class="page-item" v-for="n in numbers" :key="n" :class="{active: n === page}"><a class="page-link" href="#" @click.prevent="$emit(\'go\', n)">{{ n }}</a></li>' +
      '<li class="page-item" :class="{disabled: page >= pages}"><a class="page-link" href="#" @click.prevent="page < pages && $emit(\'go\', page + 1)">下一页</a></li>' +
      '</ul></nav>'
  });

  // The user center's menu, with the current page marked.
  Vue.component('center-nav', {
    props: { current: String },
    data: function () {
      return { items: [
        { href: '/user_center_info.html', text: '个人信息' }, { href: '/user_center_order.html', text: '我的订单' },
        { href: '/user_center_auction.html', text: '我的拍卖' }, { href: '/user_center_coupon.html', text: '我的优惠券' }, { href: '/user_center_wallet.html', text: '我的钱包' },
        { href: '/user_center_credit.html', text: '我的积分' }, { href: '/user_center_course.html', text: '我的课程' },
        { href: '/user_center_site.html', text: '收货地址' }, { href: '/user_center_pass.html', text: '修改密码' }
      ] };
    },
    template:
      '<nav class="list-group center-nav mb-3" aria-label="用户中心">' +
      '<a v-for="item in items" :key="item.href" :href="item.href" class="list-group-item list-group-item-action" ' +
      ':class="{active: item.href === current}" :aria-current="item.href === current ? \'page\' : null">{{ item.text }}</a></nav>'
  });
})(window.Vue);

/* The address form (new or edit) with cascading province → city → district selects, used at checkout and in
   the user center. Emits `saved` with the stored address, `cancel` when closed. */
(function (Vue, Shop) {
  'use strict';
  var provinces = null;

  Vue.component('address-form', {
    props: { address: { type: Object, default: null } },
    data: function () {
      var a = this.address || {};
      return {
        form: { title: a.title || '', receiver: a.receiver || '', province_id: a.province_id || '', city_id: a.city_id || '',
                district_id: a.district_id || '', place: a.place || '', mobile: a.mobile || '', tel: a.tel || '', email: a.email || '' },
        provinces: [], cities: [], districts: [], errors: {}, error: '', busy: false
      };
    },
    created: function () {
      var vm = this;
      var load = provinces ? Promise.resolve(provinces) : Shop.api('GET', '/areas/').then(function (answer) { provinces = answer.ok ? answer.data : []; return provinces; });
      load.then(function (list) {
        vm.provinces = list;
        if (vm.form.province_id) vm.loadSubs(vm.form.province_id, 'cities');
        if (vm.form.city_id) vm.loadSubs(vm.form.city_id, 'districts');
      });
    },
    methods: {
      loadSubs: function (id, into) {
        var vm = this;
        return Shop.api('GET', '/areas/' + id + '/').then(function (answer) { vm[into] = answer.ok ? answer.data.subs : []; });
      },
      provinceChanged: function () { this.form.city_id = ''; this.form.district_id = ''; this.districts = []; this.cities = []; if (this.form.province_id) this.loadSubs(this.form.province_id, 'cities'); },
      cityChanged: function () { this.form.district_id = ''; this.districts = []; if (this.form.city_id) this.loadSubs(this.form.city_id, 'districts'); },
      save: function () {
        var vm = this, f = vm.form, errors = {};
        if (!f.receiver) errors.receiver = '请填写收货人';
        if (!f.province_id || !f.city_id || !f.district_id) errors.area = '请选择省、市、区';
        if (!f.place) errors.place = '请填写详细地址';
        if (!/^1[3-9]\d{9}$/.test(f.mobile)) errors.mobile = '请填写正确的手机号';
        vm.errors = errors;
        if (Object.keys(errors).length) return;
        var body = {};
        Object.keys(f).forEach(function (key) { body[key] = f[key]; });
        if (!body.title) body.title = body.receiver;
        vm.busy = true;
        var request = vm.address ? Shop.api('PUT', '/addresses/' + vm.address.id + '/', body) : Shop.api('POST', '/addresses/', body);
        request.then(function (answer) {
          vm.busy = false;
          if (!answer.ok) {
            vm.errors = Shop.fieldErrors(answer.data);
            vm.error = Object.keys(vm.errors).length ? '' : Shop.errorText(answer.data, '保存失败');
            return;
          }
          vm.$emit('saved', answer.data);
        });
      }
    },
    template:
      '<form class="border rounded p-3 bg-light" @submit.prevent="save" novalidate>' +
      '<div class="row g-2">' +
      '<div class="col-md-6"><label class="form-label small" for="addr-receiver">收货人</label>' +
      '<input class="form-control form-control-sm" :class="{\'is-invalid\': errors.receiver}" id="addr-receiver" v-model.trim="form.receiver">' +
      '<div class="invalid-feedback">{{ errors.receiver }}</div></div>' +
      '<div class="col-md-6"><label class="form-label small" for="addr-mobile">手机号</label>' +
      '<input class="form-control form-control-sm" :class="{\'is-invalid\': errors.mobile}" id="addr-mobile" v-model.trim="form.mobile" inputmode="numeric">' +
      '<div class="invalid-feedback">{{ errors.mobile }}</div></div>' +
      '<div class="col-md-4"><label class="form-label small" for="addr-province">省</label>' +
      '<select class="form-select form-select-sm" id="addr-province" v-model="form.province_id" @change="provinceChanged">' +
      '<option value="">请选择</option><option v-for="p in provinces" :key="p.id" :value="p.id">{{ p.name }}</option></select></div>' +
      '<div class="col-md-4"><label class="form-label small" for="addr-city">市</label>' +
      '<select class="form-select form-select-sm" id="addr-city" v-model="form.city_id" @change="cityChanged">' +
      '<option value="">请选择</option><option v-for="c in cities" :key="c.id" :value="c.id">{{ c.name }}</option></select></div>' +
      '<div class="col-md-4"><label class="form-label small" for="addr-district">区/县</label>' +
      '<select class="form-select form-select-sm" id="addr-district" v-model="form.district_id">' +
      '<option value="">请选择</option><option v-for="d in districts" :key="d.id" :value="d.id">{{ d.name }}</option></select></div>' +
      '<div class="col-12 small text-danger" v-if="errors.area || errors.province_id || errors.city_id || errors.district_id">{{ errors.area || errors.province_id || errors.city_id || errors.district_id }}</div>' +
      '<div class="col-12"><label class="form-label small" for="addr-place">详细地址</label>' +
      '<input class="form-control form-control-sm" :class="{\'is-invalid\': errors.place}" id="addr-place" v-model.trim="form.place">' +
      '<div class="invalid-feedback">{{ errors.place }}</div></div>' +
      '<div class="col-md-4"><label class="form-label small" for="addr-title">地址名称</label>' +
      '<input class="form-control form-control-sm" id="addr-title" v-model.trim="form.title" placeholder="如：家、公司"></div>' +
      '<div class="col-md-4"><label class="form-label small" for="addr-tel">固定电话</label>' +
      '<input class="form-control form-control-sm" id="addr-tel" v-model.trim="form.tel"></div>' +
      '<div class="col-md-4"><label class="form-label small" for="addr-email">邮箱</label>' +
      '<input class="form-control form-control-sm" :class="{\'is-invalid\': errors.email}" id="addr-email" v-model.trim="form.email">' +
      '<div class="invalid-feedback">{{ errors.email }}</div></div>' +
      '</div>' +
      '<div class="alert alert-danger py-1 mt-2 small" v-if="error">{{ error }}</div>' +
      '<div class="mt-3 d-flex gap-2"><button class="btn btn-shop btn-sm" type="submit" :disabled="busy" id="addr-save">保存地址</button>' +
      '<button class="btn btn-outline-secondary btn-sm" type="button" @click="$emit(\'cancel\')">取消</button></div>' +
      '</form>'
  });
})(window.Vue, window.Shop);
