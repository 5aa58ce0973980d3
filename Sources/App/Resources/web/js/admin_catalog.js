/* 商品 in the back office (#/catalog): SPUs with their specifications and SKUs, SKU pictures (upload with preview,
   order, default, delete), the category tree and brands. Answers go through the root's `shown`/`refused`, so a
   refusal is shown and an ended session signs out the same way everywhere. */
(function (window) {
  'use strict';
  var Admin = window.Admin, Shop = window.Shop;

  function emptyPage() { return { count: 0, next: null, previous: null, results: [] }; }
  function blankGoods() { return { id: null, name: '', brand_id: '', category1: '', category2: '', category3_id: '', desc_detail: '', desc_pack: '', desc_service: '' }; }
  function blankSKU(goods) {
    return { id: null, name: goods ? goods.name + ' ' : '', caption: '', price: '', market_price: '', cost_price: '', stock: 0, stock_was: null,
      is_launched: true, options: goods ? goods.specs.map(function () { return ''; }) : [] };
  }

  window.Vue.component('admin-catalog', {
    template: '#admin-catalog-template',
    props: { me: Object },
    data: function () {
      return {
        tab: 'goods', busy: false,
        categories: [], brands: [],
        goodsPage: emptyPage(), goodsNumber: 1, goodsFilter: { q: '', category_id: '', ordering: '-update_time' },
        goods: null, goodsForm: blankGoods(), goodsErrors: {},
        specForm: { name: '', options: '' }, specErrors: {}, optionDrafts: {},
        sku: null, skuErrors: {}, skuImages: [],
        picture: null, preview: '', pictureError: '',
        categoryForm: { name: '', parent_id: '' }, categoryErrors: {}, renaming: null, expanded: {},
        brandForm: { id: null, name: '', first_letter: '' }, brandErrors: {},
        slots: [], ads: [], adForm: null, adErrors: {}, channels: [], groups: [], groupForm: { id: '', name: '' }, groupErrors: {}, channelForm: { id: null, group_id: 1, category_id: '', url: '', sequence: 0 }, channelErrors: {}
      };
    },
    computed: {
      writable: function () { return Admin.can(this.me, 'catalog', 'write'); },
      level: function () {
        var byLevel = { 1: [], 2: [], 3: [] };
        this.categories.forEach(function (c) { if (byLevel[c.level]) byLevel[c.level].push(c); });
        return byLevel;
      },
      /** The tree in reading order: each category followed by its children. */
      tree: function () {
        var children = {}, rows = [];
        this.categories.forEach(function (c) { (children[c.parent_id || 0] = children[c.parent_id || 0] || []).push(c); });
        (function walk(parent) { (children[parent] || []).forEach(function (c) { rows.push(c); walk(c.id); }); })(0);
        return rows;
      },
      /** The tree as shown: a category's children only while it is expanded (the sample has hundreds). */
      shownTree: function () {
        var vm = this, byID = {};
        vm.categories.forEach(function (c) { byID[c.id] = c; });
        return vm.tree.filter(function (c) {
          for (var p = c.parent_id; p; p = byID[p] ? byID[p].parent_id : null) { if (!vm.expanded[p]) return false; }
          return true;
        });
      },
      seconds: function () { var f = this.goodsForm; return this.level[2].filter(function (c) { return c.parent_id === Number(f.category1); }); },
      thirds: function () { var f = this.goodsForm; return this.level[3].filter(function (c) { return c.parent_id === Number(f.category2); }); },
      /** Where a new category can hang: the top, or a first- or second-level one. */
      parents: function () { return this.tree.filter(function (c) { return c.level < 3; }); }
    },
    created: function () { this.loadCategories(); this.loadBrands(); this.searchGoods(1); this.loadHome(); },
    methods: {
      time: Admin.time,
      call: function (method, url, body) { return Admin.api(method, url, body); },
      shown: function (answer) { return this.$root.shown(answer); },
      formErrors: function (answer) { return Admin.formErrors(this, answer); },
      indent: function (c) { return new Array(c.level).join('— '); },
      categoryName: function (id) {
        var found = this.categories.filter(function (c) { return c.id === id; })[0];
        return found ? found.name : '';
      },

      loadCategories: function () {
        var vm = this;
        vm.call('GET', '/admin/api/categories/').then(function (answer) { var list = vm.shown(answer); if (list) vm.categories = list; });
      },
      loadBrands: function () {
        var vm = this;
        vm.call('GET', '/admin/api/brands/').then(function (answer) { var list = vm.shown(answer); if (list) vm.brands = list; });
      },

      // SPUs
      searchGoods: function (page) {
        var vm = this, params = new URLSearchParams();
        if (vm.goodsFilter.q) params.set('q', vm.goodsFilter.q);
        if (vm.goodsFilter.category_id) params.set('category_id', vm.goodsFilter.category_id);
        params.set('ordering', vm.goodsFilter.ordering);
        if (page > 1) params.set('page', page);
        vm.call('GET', '/admin/api/goods/?' + params.toString()).then(function (answer) {
          if (!vm.shown(answer)) return;
          vm.goodsPage = answer.data;
          vm.goodsNumber = page;
        });
      },
      sortGoods: function (ordering) { this.goodsFilter.ordering = ordering; this.searchGoods(1); },
      newGoods: function () { this.goods = { id: null, specs: [], skus: [] }; this.goodsForm = blankGoods(); this.goodsErrors = {}; this.sku = null; },
      openGoods: function (id) {
        var vm = this;
        return vm.call('GET', '/admin/api/goods/' + id + '/').then(function (answer) {
          var goods = vm.shown(answer);
          if (!goods) return;
          vm.goods = goods;
          vm.goodsForm = { id: goods.id, name: goods.name, brand_id: goods.brand_id, category1: goods.category1_id, category2: goods.category2_id,
            category3_id: goods.category3_id, desc_detail: goods.desc_detail, desc_pack: goods.desc_pack, desc_service: goods.desc_service };
          vm.goodsErrors = {};
          vm.optionDrafts = {};
        });
      },
      closeGoods: function () { this.goods = null; this.sku = null; this.searchGoods(this.goodsNumber); },
      saveGoods: function () {
        var vm = this, f = vm.goodsForm;
        vm.goodsErrors = {};
        if (!f.name) vm.$set(vm.goodsErrors, 'name', '请输入商品名称');
        if (!f.brand_id) vm.$set(vm.goodsErrors, 'brand_id', '请选择品牌');
        if (!f.category3_id) vm.$set(vm.goodsErrors, 'category3_id', '请选择三级分类');
        if (Object.keys(vm.goodsErrors).length) return;
        var body = { name: f.name, brand_id: Number(f.brand_id), category3_id: Number(f.category3_id), desc_detail: f.desc_detail,
          desc_pack: f.desc_pack, desc_service: f.desc_service };
        vm.busy = true;
        vm.call(f.id ? 'PUT' : 'POST', f.id ? '/admin/api/goods/' + f.id + '/' : '/admin/api/goods/', body).then(function (answer) {
          vm.busy = false;
          if (!answer.ok) { vm.goodsErrors = vm.formErrors(answer); return; }
          Shop.toast('商品已保存', 'success');
          vm.openGoods(answer.data.id);
          vm.loadCategories();
        });
      },
      addSpec: function () {
        var vm = this, options = vm.specForm.options.split(/[,，、\s]+/).filter(Boolean);
        vm.specErrors = {};
        if (!vm.specForm.name) vm.$set(vm.specErrors, 'name', '请输入规格名，如 颜色');
        if (!options.length) vm.$set(vm.specErrors, 'options', '请输入选项，用逗号分开');
        if (Object.keys(vm.specErrors).length) return;
        vm.busy = true;
        vm.call('POST', '/admin/api/goods/' + vm.goods.id + '/specs/', { name: vm.specForm.name, options: options }).then(function (answer) {
          vm.busy = false;
          if (!answer.ok) { vm.specErrors = vm.formErrors(answer); return; }
          vm.specForm = { name: '', options: '' };
          vm.openGoods(vm.goods.id);
        });
      },
      addOption: function (spec) {
        var vm = this, value = (vm.optionDrafts[spec.id] || '').trim();
        if (!value) return;
        vm.call('POST', '/admin/api/specs/' + spec.id + '/options/', { value: value }).then(function (answer) {
          if (!vm.shown(answer)) return;
          vm.$set(vm.optionDrafts, spec.id, '');
          vm.openGoods(vm.goods.id);
        });
      },
      optionValue: function (id) {
        var value = '';
        this.goods.specs.forEach(function (s) { s.options.forEach(function (o) { if (o.id === id) value = o.value; }); });
        return value;
      },

      // SKUs
      newSKU: function () { this.sku = blankSKU(this.goods); this.skuErrors = {}; this.skuImages = []; this.clearPicture(); },
      editSKU: function (s) {
        this.sku = { id: s.id, name: s.name, caption: s.caption, price: s.price, market_price: s.market_price, cost_price: s.cost_price,
          stock: s.stock, stock_was: s.stock, is_launched: s.is_launched, options: s.options.slice() };
        this.skuImages = s.images;
        this.skuErrors = {};
        this.clearPicture();
      },
      saveSKU: function () {
        var vm = this, s = vm.sku;
        vm.skuErrors = {};
        if (!s.name) vm.$set(vm.skuErrors, 'name', '请输入 SKU 名称');
        if (!s.price) vm.$set(vm.skuErrors, 'price', '请输入售价');
        if (s.options.some(function (o) { return !o; })) vm.$set(vm.skuErrors, 'options', '每个规格都要选一个选项');
        if (Object.keys(vm.skuErrors).length) return;
        var body = { name: s.name, caption: s.caption, price: s.price, market_price: s.market_price || s.price, cost_price: s.cost_price || '0',
          stock: Number(s.stock), is_launched: s.is_launched, options: s.options.map(Number) };
        if (s.id) body.stock_was = s.stock_was;
        vm.busy = true;
        vm.call(s.id ? 'PUT' : 'POST', s.id ? '/admin/api/skus/' + s.id + '/' : '/admin/api/goods/' + vm.goods.id + '/skus/', body).then(function (answer) {
          vm.busy = false;
          if (!answer.ok) { vm.skuErrors = vm.formErrors(answer); return; }
          Shop.toast(s.id ? 'SKU 已保存' : 'SKU 已创建，可以上传图片了', 'success');
          vm.editSKU(answer.data);
          vm.openGoods(vm.goods.id);
        });
      },

      // Pictures
      pickPicture: function (event) {
        var file = event.target.files[0];
        this.clearPicture();
        if (!file) return;
        if (['image/png', 'image/jpeg', 'image/gif', 'image/webp'].indexOf(file.type) < 0) { this.pictureError = '只能上传 PNG、JPEG、GIF 或 WebP 图片'; return; }
        if (file.size > 5 * 1024 * 1024) { this.pictureError = '图片不能超过 5 MB'; return; }
        this.picture = file;
        this.preview = window.URL.createObjectURL(file);
      },
      clearPicture: function () {
        if (this.preview) window.URL.revokeObjectURL(this.preview);
        this.picture = null; this.preview = ''; this.pictureError = '';
        var input = document.getElementById('sku-picture');
        if (input) input.value = '';
      },
      uploadPicture: function () {
        var vm = this;
        vm.busy = true;
        Admin.upload('/admin/api/skus/' + vm.sku.id + '/images/', vm.picture).then(function (answer) {
          vm.busy = false;
          if (!answer.ok) { if (!vm.$root.refused(answer)) vm.pictureError = Shop.errorText(answer.data); return; }
          vm.clearPicture();
          Shop.toast('图片已上传', 'success');
          vm.call('GET', '/admin/api/skus/' + vm.sku.id + '/').then(function (read) { var sku = vm.shown(read); if (sku) vm.skuImages = sku.images; });
          vm.openGoods(vm.goods.id);
        });
      },
      arrange: function (order, defaultID) {
        var vm = this, body = { order: order };
        if (defaultID) body.default_image = defaultID;
        vm.call('PUT', '/admin/api/skus/' + vm.sku.id + '/images/', body).then(function (answer) {
          if (!vm.shown(answer)) return;
          vm.skuImages = answer.data.images;
          vm.openGoods(vm.goods.id);
        });
      },
      move: function (index, step) {
        var order = this.skuImages.map(function (i) { return i.id; });
        var moved = order.splice(index, 1)[0];
        order.splice(index + step, 0, moved);
        this.arrange(order);
      },
      makeDefault: function (image) { this.arrange(this.skuImages.map(function (i) { return i.id; }), image.id); },
      deletePicture: function (image) {
        var vm = this;
        if (!window.confirm('删除这张图片？图片文件也会删除。')) return;
        vm.call('DELETE', '/admin/api/skus/' + vm.sku.id + '/images/' + image.id + '/').then(function (answer) {
          if (!vm.shown(answer)) return;
          vm.skuImages = answer.data.images;
          vm.openGoods(vm.goods.id);
        });
      },

      // Categories and brands
      toggle: function (c) { this.$set(this.expanded, c.id, !this.expanded[c.id]); },
      /** Opens the branch down to a category, so a new one shows where it was made. */
      reveal: function (id) {
        var vm = this, byID = {};
        vm.categories.forEach(function (c) { byID[c.id] = c; });
        for (var p = id; p; p = byID[p] ? byID[p].parent_id : null) vm.$set(vm.expanded, p, true);
      },
      saveCategory: function () {
        var vm = this, body = { name: vm.categoryForm.name };
        vm.categoryErrors = {};
        if (!body.name) { vm.categoryErrors = { name: '请输入分类名' }; return; }
        if (vm.categoryForm.parent_id) body.parent_id = Number(vm.categoryForm.parent_id);
        vm.call('POST', '/admin/api/categories/', body).then(function (answer) {
          if (!answer.ok) { vm.categoryErrors = vm.formErrors(answer); return; }
          Shop.toast('分类 ' + answer.data.name + ' 已创建', 'success');
          vm.categoryForm.name = '';
          vm.loadCategories();
          if (answer.data.parent_id) vm.reveal(answer.data.parent_id);
        });
      },
      rename: function (c) {
        var vm = this;
        vm.call('PUT', '/admin/api/categories/' + c.id + '/', { name: vm.renaming.name }).then(function (answer) {
          if (!vm.shown(answer)) return;
          vm.renaming = null;
          vm.loadCategories();
        });
      },
      deleteCategory: function (c) {
        var vm = this;
        if (!window.confirm('删除分类“' + c.name + '”？')) return;
        vm.call('DELETE', '/admin/api/categories/' + c.id + '/').then(function (answer) {
          if (!vm.shown(answer)) return;
          Shop.toast('分类已删除', 'success');
          vm.loadCategories();
        });
      },
      // The home page: ads by slot, the menu's channels
      loadHome: function () {
        var vm = this;
        Admin.api('GET', '/admin/api/content-categories/').then(function (answer) { var list = vm.shown(answer); if (list) vm.slots = list; });
        Admin.api('GET', '/admin/api/contents/').then(function (answer) { var list = vm.shown(answer); if (list) vm.ads = list; });
        Admin.api('GET', '/admin/api/channels/').then(function (answer) { var list = vm.shown(answer); if (list) vm.channels = list; });
        vm.loadGroups();
      },
      // The menu's channel groups: numbers staff may name
      loadGroups: function () {
        var vm = this;
        Admin.api('GET', '/admin/api/channel-groups/').then(function (answer) { var list = vm.shown(answer); if (list) vm.groups = list; });
      },
      namedGroup: function (id) { return this.groups.some(function (g) { return g.id === Number(id) && g.name; }); },
      groupName: function (id) {
        var group = this.groups.filter(function (g) { return g.id === Number(id); })[0];
        return group && group.name ? group.name : '第 ' + id + ' 组';
      },
      editGroup: function (g) { this.groupForm = { id: g.id, name: g.name }; this.groupErrors = {}; },
      saveGroup: function () {
        var vm = this, f = vm.groupForm;
        vm.groupErrors = {};
        if (!(Number(f.id) >= 1 && Number(f.id) <= 100)) { vm.$set(vm.groupErrors, 'id', '组号为 1 到 100'); return; }
        vm.call('PUT', '/admin/api/channel-groups/' + Number(f.id) + '/', { name: f.name }).then(function (answer) {
          if (!answer.ok) { vm.groupErrors = vm.formErrors(answer); return; }
          Shop.toast('频道组已命名', 'success');
          vm.groupForm = { id: '', name: '' };
          vm.loadGroups();
        });
      },
      deleteGroup: function (g) {
        var vm = this;
        if (!window.confirm('删除频道组“' + vm.groupName(g.id) + '”的名称？')) return;
        vm.call('DELETE', '/admin/api/channel-groups/' + g.id + '/').then(function (answer) {
          if (!vm.shown(answer)) return;
          vm.loadGroups();
        });
      },
      slotName: function (id) { var slot = this.slots.filter(function (s) { return s.id === id; })[0]; return slot ? slot.name : ''; },
      editAd: function (ad) {
        this.adErrors = {};
        this.adForm = ad ? { id: ad.id, category_id: ad.category_id, title: ad.title, url: ad.url, text: ad.text, sequence: ad.sequence, status: ad.status, image: ad.image }
          : { id: null, category_id: this.slots.length ? this.slots[0].id : '', title: '', url: '/', text: '', sequence: 0, status: true, image: '' };
      },
      saveAd: function () {
        var vm = this, f = vm.adForm;
        var body = { category_id: Number(f.category_id), title: f.title, url: f.url, text: f.text, sequence: Number(f.sequence) || 0, status: f.status };
        vm.call(f.id ? 'PUT' : 'POST', f.id ? '/admin/api/contents/' + f.id + '/' : '/admin/api/contents/', body).then(function (answer) {
          if (!answer.ok) { vm.adErrors = vm.formErrors(answer); return; }
          Shop.toast('广告已保存，首页会随之更新', 'success');
          vm.editAd(answer.data);
          vm.loadHome();
        });
      },
      uploadAdImage: function (event) {
        var vm = this, file = event.target.files[0];
        if (!file) return;
        Admin.upload('/admin/api/contents/' + vm.adForm.id + '/image/', file).then(function (answer) {
          event.target.value = '';
          if (!answer.ok) { vm.adErrors = vm.formErrors(answer); return; }
          vm.adForm.image = answer.data.image;
          vm.loadHome();
        });
      },
      deleteAd: function (ad) {
        var vm = this;
        if (!window.confirm('删除广告“' + ad.title + '”？')) return;
        vm.call('DELETE', '/admin/api/contents/' + ad.id + '/').then(function (answer) {
          if (!vm.shown(answer)) return;
          vm.adForm = null;
          vm.loadHome();
        });
      },
      editChannel: function (c) {
        this.channelErrors = {};
        this.channelForm = c ? { id: c.id, group_id: c.group_id, category_id: c.category_id, url: c.url, sequence: c.sequence }
          : { id: null, group_id: 1, category_id: '', url: '', sequence: 0 };
      },
      saveChannel: function () {
        var vm = this, f = vm.channelForm;
        var body = { group_id: Number(f.group_id), category_id: Number(f.category_id) || null, url: f.url, sequence: Number(f.sequence) || 0 };
        vm.call(f.id ? 'PUT' : 'POST', f.id ? '/admin/api/channels/' + f.id + '/' : '/admin/api/channels/', body).then(function (answer) {
          if (!answer.ok) { vm.channelErrors = vm.formErrors(answer); return; }
          Shop.toast('频道已保存，各页面菜单稍后更新', 'success');
          vm.editChannel(null);
          vm.loadHome();
        });
      },
      deleteChannel: function (c) {
        var vm = this;
        if (!window.confirm('删除频道“' + c.category + '”？')) return;
        vm.call('DELETE', '/admin/api/channels/' + c.id + '/').then(function (answer) { if (vm.shown(answer)) vm.loadHome(); });
      },
      deleteBrand: function (b) {
        var vm = this;
        if (!window.confirm('删除品牌“' + b.name + '”？')) return;
        vm.call('DELETE', '/admin/api/brands/' + b.id + '/').then(function (answer) {
          if (!vm.shown(answer)) return;
          Shop.toast('品牌已删除', 'success');
          vm.loadBrands();
        });
      },
      /** Only what nobody ordered can go; the server says so otherwise (take it off sale instead). */
      deleteGoods: function () {
        var vm = this, g = vm.goods;
        if (!window.confirm('删除商品“' + g.name + '”及其全部 ' + g.skus.length + ' 个 SKU？此操作不能撤销。')) return;
        vm.busy = true;
        vm.call('DELETE', '/admin/api/goods/' + g.id + '/').then(function (answer) {
          vm.busy = false;
          if (!vm.shown(answer)) return;
          Shop.toast('商品已删除', 'success');
          vm.closeGoods();
          vm.loadBrands();
        });
      },
      deleteSKU: function () {
        var vm = this, sku = vm.sku;
        if (!window.confirm('删除 SKU“' + sku.name + '”？此操作不能撤销。')) return;
        vm.busy = true;
        vm.call('DELETE', '/admin/api/skus/' + sku.id + '/').then(function (answer) {
          vm.busy = false;
          if (!vm.shown(answer)) return;
          Shop.toast('SKU 已删除', 'success');
          vm.sku = null;
          vm.openGoods(vm.goods.id);
        });
      },
      editBrand: function (b) { this.brandForm = b ? { id: b.id, name: b.name, first_letter: b.first_letter } : { id: null, name: '', first_letter: '' }; this.brandErrors = {}; },
      saveBrand: function () {
        var vm = this, f = vm.brandForm;
        vm.call(f.id ? 'PUT' : 'POST', f.id ? '/admin/api/brands/' + f.id + '/' : '/admin/api/brands/', { name: f.name, first_letter: f.first_letter })
          .then(function (answer) {
            if (!answer.ok) { vm.brandErrors = vm.formErrors(answer); return; }
            Shop.toast('品牌已保存', 'success');
            vm.editBrand(null);
            vm.loadBrands();
          });
      }
    }
  });
})(window);
