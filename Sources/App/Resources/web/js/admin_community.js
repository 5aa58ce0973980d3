/* 社区 in the back office (#/community): posts (hidden ones too) by content or author, a post's comments as a
   thread, hiding and showing either (audited), and new topics. */
(function (window) {
  'use strict';
  var Admin = window.Admin, Shop = window.Shop;

  window.Vue.component('admin-community', {
    template: '#admin-community-template',
    props: { me: Object },
    data: function () { return { news: [], cursor: null, q: '', open: null, comments: [], topicTitle: '' }; },
    computed: {
      writable: function () { return Admin.can(this.me, 'community', 'write'); },
      /** The open post's threads as one list, each root followed by its replies. */
      flat: function () {
        var list = [];
        this.comments.forEach(function (c) { list.push(c); (c.replies || []).forEach(function (r) { list.push(r); }); });
        return list;
      }
    },
    created: function () { this.search(); },
    methods: {
      time: Admin.time,
      url: function () { return '/admin/api/community/news/?q=' + encodeURIComponent(this.q) + (this.cursor ? '&cursor=' + this.cursor : ''); },
      search: function () { this.news = []; this.cursor = null; this.more(); },
      more: function () {
        var vm = this;
        Admin.api('GET', vm.url()).then(function (answer) {
          var page = vm.$root.shown(answer);
          if (!page) return;
          vm.news = vm.news.concat(page.results);
          vm.cursor = page.next_cursor;
        });
      },
      toggleComments: function (n) {
        var vm = this;
        if (vm.open === n.id) { vm.open = null; return; }
        vm.open = n.id; vm.comments = [];
        Admin.api('GET', '/admin/api/community/news/' + n.id + '/comments/?page_size=30').then(function (answer) {
          var page = vm.$root.shown(answer);
          if (page) vm.comments = page.results;
        });
      },
      hide: function (kind, item) {
        var vm = this;
        Admin.api('PUT', '/admin/api/community/' + kind + '/' + item.id + '/', { hidden: !item.hidden }).then(function (answer) {
          if (!vm.$root.shown(answer)) return;
          item.hidden = !item.hidden;
          Shop.toast(item.hidden ? '已隐藏' : '已恢复显示', 'success');
        });
      },
      addTopic: function () {
        var vm = this;
        Admin.api('POST', '/admin/api/community/topics/', { title: vm.topicTitle }).then(function (answer) {
          if (!vm.$root.shown(answer)) return;
          Shop.toast('话题 #' + answer.data.title + ' 已创建', 'success');
          vm.topicTitle = '';
        });
      }
    }
  });
})(window);
