/* 社区 (seed 001 动态): what the feed, a post's page and the publish page share — times as people say them, the
   author's badge, a post's card with its picture grid and like button. Loaded after shop.js. */
(function (window, Vue, Shop) {
  'use strict';

  var Community = {
    /** 刚刚 / 5分钟前 / 3小时前 / 12月07日 21:19. */
    ago: function (text) {
      var d = new Date(text), seconds = (Date.now() - d.getTime()) / 1000;
      if (isNaN(seconds)) return '';
      if (seconds < 60) return '刚刚';
      if (seconds < 3600) return Math.floor(seconds / 60) + '分钟前';
      if (seconds < 86400) return Math.floor(seconds / 3600) + '小时前';
      function two(n) { return (n < 10 ? '0' : '') + n; }
      return two(d.getMonth() + 1) + '月' + two(d.getDate()) + '日 ' + two(d.getHours()) + ':' + two(d.getMinutes());
    },

    /** Likes or unlikes a post or a comment (`kind`: news or comments); updates `item` from the answer. Resolves to
        whether it changed. */
    favor: function (kind, item) {
      if (!Shop.requireLogin()) return Promise.resolve(false);
      return Shop.api(item.favored ? 'DELETE' : 'POST', '/community/' + kind + '/' + item.id + '/favor/').then(function (answer) {
        if (!answer.ok) { Shop.toast(Shop.errorText(answer.data, '操作失败'), 'danger'); return false; }
        item.favored = answer.data.favored;
        item.favor_count = answer.data.favor_count;
        return true;
      });
    },

    /** Follows a member, or stops following them (`following`: whether I do now). Resolves to the answer's
        `{followed, fans_count}`, or null when it was refused (said in a toast) or needs a login. */
    follow: function (userID, following) {
      if (!Shop.requireLogin()) return Promise.resolve(null);
      return Shop.api(following ? 'DELETE' : 'POST', '/community/users/' + userID + '/follow/').then(function (answer) {
        if (!answer.ok) { Shop.toast(Shop.errorText(answer.data, '操作失败'), 'danger'); return null; }
        return answer.data;
      });
    },

    /** The next page of a cursor list into `vm[listKey]`, once at a time; `vm.cursor` null means the end. Resolves
        to whether a page was asked for (false while one is on its way or at the end). */
    loadMore: function (vm, url, listKey) {
      if (vm.loading || vm.done) return Promise.resolve(false);
      vm.loading = true;
      var sep = url.indexOf('?') >= 0 ? '&' : '?';
      return Shop.api('GET', url + (vm.cursor ? sep + 'cursor=' + vm.cursor : '')).then(function (answer) {
        vm.loading = false;
        if (!answer.ok) { vm.error = Shop.errorText(answer.data, '加载失败'); vm.done = true; return true; }
        vm[listKey] = vm[listKey].concat(answer.data.results);
        vm.cursor = answer.data.next_cursor;
        vm.done = !vm.cursor;
        return true;
      });
    },

    /** Calls `more` whenever `element` scrolls into view (infinite scroll). */
    watchEnd: function (element, more) {
      if (!element || !window.IntersectionObserver) return;
      new window.IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) more();
      }, { rootMargin: '200px' }).observe(element);
    }
  };

  Vue.component('user-badge', {
    props: { user: Object },
    template: '<a class="d-inline-flex align-items-center gap-2 text-decoration-none text-body" :href="\'/community.html?user=\' + user.id">' +
      '<span class="community-avatar" aria-hidden="true">{{ user.username.charAt(0).toUpperCase() }}</span>' +
      '<span class="fw-semibold">{{ user.username }}</span></a>'
  });

  Vue.component('news-card', {
    props: { news: Object },
    methods: { ago: Community.ago, favor: function () { Community.favor('news', this.news); } },
    template:
      '<article class="card community-card" :data-news="news.id">' +
      '<div class="card-body">' +
      '<div class="d-flex align-items-center justify-content-between mb-2"><user-badge :user="news.user"></user-badge>' +
      '<span class="small text-muted">{{ ago(news.create_time) }}</span></div>' +
      '<a class="text-decoration-none text-body d-block" :href="\'/community_news.html?id=\' + news.id">' +
      '<p class="community-content mb-2" v-if="news.content">{{ news.content }}</p>' +
      '<div class="community-grid mb-2" :class="\'grid-\' + Math.min(news.pictures.length, 3)" v-if="news.pictures.length">' +
      '<img v-for="(src, i) in news.pictures.slice(0, 9)" :key="i" :src="src" :alt="\'图片\' + (i + 1)" loading="lazy"></div></a>' +
      '<div class="small text-muted mb-2" v-if="news.topic || news.address">' +
      '<a class="badge text-bg-light text-decoration-none me-2" v-if="news.topic" :href="\'/community.html?topic=\' + news.topic.id">#{{ news.topic.title }}</a>' +
      '<span v-if="news.address">位置：{{ news.address }}</span></div>' +
      '<div class="d-flex gap-4 small community-actions">' +
      '<button type="button" class="btn btn-link btn-sm p-0 text-decoration-none" :class="news.favored ? \'text-danger\' : \'text-muted\'" data-favor @click="favor">' +
      '{{ news.favored ? \'♥\' : \'♡\' }} <span data-favor-count>{{ news.favor_count }}</span></button>' +
      '<a class="text-muted text-decoration-none" :href="\'/community_news.html?id=\' + news.id + \'#comments\'">评论 {{ news.comment_count }}</a>' +
      '<span class="text-muted">浏览 {{ news.viewer_count }}</span></div>' +
      '</div></article>'
  });

  window.Community = Community;
})(window, window.Vue, window.Shop);
