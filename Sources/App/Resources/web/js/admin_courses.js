/* 课程 in the back office (#/courses): courses with their validity prices and 限时优惠, chapters and lessons with
   their video or document, categories and teachers, and who is enrolled. */
(function (window) {
  'use strict';
  var Admin = window.Admin, Shop = window.Shop;

  function emptyPage() { return { count: 0, next: null, previous: null, results: [] }; }
  function blankCourse() {
    return { id: null, name: '', category_id: '', teacher_id: '', course_type: 1, level: 0, status: 0, brief: '', price: '',
      discount_name: '', discount_sale: '', discount_start: '', discount_end: '' };
  }
  function localInput(iso) { return Admin.localInput(iso, false); }
  function errorsOf(vm, answer) { return Admin.formErrors(vm, answer); }

  window.Vue.component('admin-courses', {
    template: '#admin-courses-template',
    props: { me: Object },
    data: function () {
      return {
        page: emptyPage(), number: 1, q: '', categories: [], teachers: [], course: null, form: blankCourse(), errors: {}, busy: false,
        option: { days: 30, price: '' }, optionErrors: {}, chapter: { name: '', summary: '' }, lessonDrafts: {}, enrolments: [],
        newCategory: '', newTeacher: { name: '', title: '' }, mediaError: '',
        statuses: { 0: '上线', 1: '下线', 2: '预上线' }, kinds: { 0: '免费课', 1: '实战课', 2: '轻课' }, levels: { 0: '初级', 1: '中级', 2: '高级' },
        lessonKinds: { 0: '文档', 1: '练习', 2: '视频' }, buyTypes: { 0: '支付宝', 1: '微信', 2: '免费', 3: '赠送', 4: '系统', 5: '余额' }
      };
    },
    computed: { writable: function () { return Admin.can(this.me, 'courses', 'write'); } },
    created: function () { this.loadRefs(); this.search(1); },
    methods: {
      time: Admin.time,
      loadRefs: function () {
        var vm = this;
        Admin.api('GET', '/admin/api/course-categories/').then(function (answer) { var list = vm.$root.shown(answer); if (list) vm.categories = list; });
        Admin.api('GET', '/admin/api/teachers/').then(function (answer) { var list = vm.$root.shown(answer); if (list) vm.teachers = list; });
      },
      search: function (page) {
        var vm = this, params = new URLSearchParams();
        if (vm.q) params.set('q', vm.q);
        if (page > 1) params.set('page', page);
        Admin.api('GET', '/admin/api/courses/?' + params.toString()).then(function (answer) {
          if (!vm.$root.shown(answer)) return;
          vm.page = answer.data;
          vm.number = page;
        });
      },
      newCourse: function () { this.course = { id: null, options: [], chapters: [] }; this.form = blankCourse(); this.errors = {}; },
      open: function (id) {
        var vm = this;
        return Admin.api('GET', '/admin/api/courses/' + id + '/').then(function (answer) {
          var c = vm.$root.shown(answer);
          if (!c) return;
          vm.course = c;
          vm.resetDrafts();
          var d = c.discount || {};
          vm.form = { id: c.id, name: c.name, category_id: c.category_id, teacher_id: c.teacher_id, course_type: c.course_type, level: c.level,
            status: c.status, brief: c.brief, price: c.price, discount_name: d.name || '', discount_sale: d.sale || '',
            discount_start: localInput(d.start), discount_end: localInput(d.end) };
          vm.errors = {};
          Admin.api('GET', '/admin/api/courses/' + id + '/enrolments/').then(function (a) { var list = vm.$root.shown(a); if (list) vm.enrolments = list; });
        });
      },
      close: function () { this.course = null; this.search(this.number); },
      save: function () {
        var vm = this, f = vm.form;
        var body = { name: f.name, category_id: Number(f.category_id) || null, teacher_id: Number(f.teacher_id) || null, course_type: Number(f.course_type),
          level: Number(f.level), status: Number(f.status), brief: f.brief, price: f.price };
        if (f.discount_name || f.discount_sale || f.discount_start || f.discount_end) {
          body.discount_name = f.discount_name; body.discount_sale = f.discount_sale;
          body.discount_start = f.discount_start ? new Date(f.discount_start).toISOString() : '';
          body.discount_end = f.discount_end ? new Date(f.discount_end).toISOString() : '';
        }
        vm.busy = true;
        Admin.api(f.id ? 'PUT' : 'POST', f.id ? '/admin/api/courses/' + f.id + '/' : '/admin/api/courses/', body).then(function (answer) {
          vm.busy = false;
          if (!answer.ok) { vm.errors = errorsOf(vm, answer); return; }
          Shop.toast('课程已保存', 'success');
          vm.open(answer.data.id);
        });
      },
      upload: function (url, event, done) {
        var vm = this, file = event.target.files[0];
        if (!file) return;
        vm.busy = true;
        Admin.upload(url, file).then(function (answer) {
          vm.busy = false;
          event.target.value = '';
          if (!answer.ok) { if (!vm.$root.refused(answer)) vm.mediaError = Shop.errorText(answer.data); return; }
          vm.mediaError = '';
          Shop.toast(done, 'success');
          vm.open(vm.course.id);
        });
      },
      addOption: function () {
        var vm = this;
        Admin.api('POST', '/admin/api/courses/' + vm.course.id + '/options/', { days: Number(vm.option.days), price: vm.option.price }).then(function (answer) {
          if (!answer.ok) { vm.optionErrors = errorsOf(vm, answer); return; }
          vm.optionErrors = {};
          vm.option = { days: 30, price: '' };
          vm.open(vm.course.id);
        });
      },
      deleteOption: function (o) {
        var vm = this;
        if (!window.confirm('删除“' + o.expire_text + ' ¥' + o.price + '”？')) return;
        Admin.api('DELETE', '/admin/api/courses/' + vm.course.id + '/options/' + o.id + '/').then(function (answer) {
          if (vm.$root.shown(answer)) { vm.course = answer.data; vm.resetDrafts(); }
        });
      },
      addChapter: function () {
        var vm = this;
        if (!vm.chapter.name) return;
        Admin.api('POST', '/admin/api/courses/' + vm.course.id + '/chapters/', vm.chapter).then(function (answer) {
          if (!vm.$root.shown(answer)) return;
          vm.chapter = { name: '', summary: '' };
          vm.open(vm.course.id);
        });
      },
      /** A new-lesson form per chapter, made when the course is read (not while rendering). */
      resetDrafts: function () {
        var drafts = {};
        this.course.chapters.forEach(function (ch) { drafts[ch.id] = { name: '', section_type: 2, duration: 600, free_trail: false }; });
        this.lessonDrafts = drafts;
      },
      draft: function (chapter) { return this.lessonDrafts[chapter.id] || {}; },
      addLesson: function (chapter) {
        var vm = this, d = vm.draft(chapter);
        if (!d.name) return;
        Admin.api('POST', '/admin/api/course-chapters/' + chapter.id + '/lessons/', { name: d.name, section_type: Number(d.section_type),
          duration: Number(d.duration) || 0, free_trail: d.free_trail }).then(function (answer) {
          if (!vm.$root.shown(answer)) return;
          Shop.toast('课时已添加，可以上传视频或文档了', 'success');
          vm.open(vm.course.id);
        });
      },
      saveCategory: function () {
        var vm = this;
        Admin.api('POST', '/admin/api/course-categories/', { name: vm.newCategory }).then(function (answer) {
          if (!vm.$root.shown(answer)) return;
          vm.newCategory = '';
          vm.loadRefs();
        });
      },
      saveTeacher: function () {
        var vm = this;
        Admin.api('POST', '/admin/api/teachers/', vm.newTeacher).then(function (answer) {
          if (!vm.$root.shown(answer)) return;
          vm.newTeacher = { name: '', title: '' };
          vm.loadRefs();
        });
      }
    }
  });
})(window);
