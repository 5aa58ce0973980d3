/* 美多拍卖: what the auction pages share. Money in yuan as ¥1,000.00, times and countdowns on the server's clock,
   the status badges, and the deposit box (余额 / 支付宝 / 微信) used on the session and lot pages.
   Loaded after shop.js and components.js. */
(function (window, Vue, Shop) {
  'use strict';

  var Auction = {
    /** A yuan string ("1000.00") as whole cents; 0 for nothing. */
    cents: function (value) {
      if (value === null || value === undefined || value === '') return 0;
      var number = Number(value);
      return isNaN(number) ? 0 : Math.round(number * 100);
    },

    /** Cents as ¥1,000.00. */
    yuanCents: function (cents) {
      var negative = cents < 0, whole = Math.floor(Math.abs(cents) / 100), part = Math.abs(cents) % 100;
      var digits = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      return (negative ? '-¥' : '¥') + digits + '.' + (part < 10 ? '0' : '') + part;
    },

    /** A yuan string as ¥1,000.00. */
    yuan: function (value) { return Auction.yuanCents(Auction.cents(value)); },

    /** Cents back to the API's yuan string ("1100.00"). */
    plain: function (cents) { return (cents / 100).toFixed(2); },

    /** A date as the shopper's clock shows it: 12月07日 21:19 (with the year when it is not this year). */
    time: function (text, seconds) {
      var d = new Date(text);
      if (isNaN(d)) return text || '';
      function two(n) { return (n < 10 ? '0' : '') + n; }
      var day = two(d.getMonth() + 1) + '月' + two(d.getDate()) + '日 ';
      if (d.getFullYear() !== new Date().getFullYear()) day = d.getFullYear() + '年' + day;
      return day + two(d.getHours()) + ':' + two(d.getMinutes()) + (seconds ? ':' + two(d.getSeconds()) : '');
    },

    /** Milliseconds as {days, hours, minutes, seconds} (two digits each but days). */
    split: function (ms) {
      var total = Math.max(0, Math.floor(ms / 1000));
      function two(n) { return (n < 10 ? '0' : '') + n; }
      return { days: Math.floor(total / 86400), hours: two(Math.floor(total % 86400 / 3600)),
               minutes: two(Math.floor(total % 3600 / 60)), seconds: two(total % 60) };
    },

    /** Milliseconds as "2天 03:04:05". */
    countdownText: function (ms) {
      var p = Auction.split(ms);
      return (p.days ? p.days + '天 ' : '') + p.hours + ':' + p.minutes + ':' + p.seconds;
    },

    /** Bootstrap badge classes by session status (1 未开拍, 2 预展中, 3 拍卖中, 4 已结束). */
    sessionBadge: function (status) {
      return { 1: 'text-bg-secondary', 2: 'text-bg-info', 3: 'text-bg-danger', 4: 'text-bg-secondary' }[status] || 'text-bg-secondary';
    },

    /** …and by lot status (4 成交, 5 流拍, 6 逾期未支付 after settlement). */
    lotBadge: function (status) {
      return { 1: 'text-bg-secondary', 2: 'text-bg-info', 3: 'text-bg-danger', 4: 'text-bg-success', 5: 'text-bg-secondary',
               6: 'text-bg-dark' }[status] || 'text-bg-secondary';
    },

    /** The providers this shop has configured, as auction pay types (1 微信, 3 支付宝); cached for the page. */
    providers: function () {
      if (!Auction._providers) {
        Auction._providers = Shop.api('GET', '/features/').then(function (answer) {
          var list = [];
          if (answer.ok && answer.data.alipay) list.push({ value: 3, text: '支付宝' });
          if (answer.ok && answer.data.wechat_pay) list.push({ value: 1, text: '微信支付' });
          return list;
        });
      }
      return Auction._providers;
    },

    /** The wallet balance (a yuan string), or null when it cannot be read. */
    balance: function () {
      return Shop.api('GET', '/wallet/?page=1&page_size=1').then(function (answer) { return answer.ok ? answer.data.balance : null; });
    },

    /** WeChat's code URL drawn as an SVG QR code. */
    qrSvg: function (text) {
      var code = window.qrcode(0, 'M');
      code.addData(text);
      code.make();
      return code.createSvgTag({ cellSize: 5, margin: 2, scalable: true });
    },

    /** Asks every 2 s whether a recharge is paid; calls `paid` once when it is. Answers a function that stops asking. */
    watchRecharge: function (id, paid) {
      var stopped = false, timer = null;
      function ask() {
        if (stopped) return;
        Shop.api('GET', '/wallet/recharges/' + encodeURIComponent(id) + '/').then(function (answer) {
          if (stopped) return;
          if (answer.ok && answer.data.status === 'paid') { stopped = true; paid(answer.data); return; }
          timer = window.setTimeout(ask, 2000);
        });
      }
      timer = window.setTimeout(ask, 2000);
      return function () { stopped = true; window.clearTimeout(timer); };
    },

    /** The masked name the server shows for a bidder (张**三 → 张***三, as `AuctionViews.mask`). */
    mask: function (name) {
      name = name || '';
      var chars = Array.from(name);
      if (chars.length <= 2) return (chars[0] || '') + '*';
      return chars[0] + '***' + chars[chars.length - 1];
    }
  };

  /** Page mixin: `now` on the server's clock, ticking every second. `syncClock(server_time)` after each answer. */
  Auction.ticking = {
    data: function () { return { now: Date.now(), clockOffset: 0, ticker: null }; },
    created: function () {
      var vm = this;
      vm.ticker = window.setInterval(function () { vm.now = Date.now() + vm.clockOffset; }, 1000);
    },
    beforeDestroy: function () { window.clearInterval(this.ticker); },
    methods: {
      syncClock: function (serverTime) {
        var t = Date.parse(serverTime);
        if (isNaN(t)) return;
        this.clockOffset = t - Date.now();
        this.now = t;
      },
      msUntil: function (text) { return Date.parse(text) - this.now; },
      yuan: Auction.yuan,
      time: Auction.time,
      countdownText: Auction.countdownText,
      sessionBadge: Auction.sessionBadge,
      lotBadge: Auction.lotBadge
    }
  };

  // A countdown in blocks: 2天 03时 04分 05秒.
  Vue.component('count-down', {
    props: { ms: { type: Number, required: true }, small: Boolean },
    computed: { parts: function () { return Auction.split(this.ms); } },
    template:
      '<span class="countdown" :class="{\'countdown-sm\': small}" role="timer" :aria-label="\'剩余 \' + (parts.days ? parts.days + \'天 \' : \'\') + parts.hours + \'时\' + parts.minutes + \'分\' + parts.seconds + \'秒\'">' +
      '<template v-if="parts.days"><b>{{ parts.days }}</b>天</template><b>{{ parts.hours }}</b>时<b>{{ parts.minutes }}</b>分<b>{{ parts.seconds }}</b>秒</span>'
  });

  /*
   * 缴纳保证金: the amount, the wallet balance, 余额 / 支付宝 / 微信 (only those configured), and the WeChat QR code
   * while a recharge is waiting. Emits `paid` once the deposit is paid (from the wallet at once, or after the
   * provider's recharge has arrived and the server has paid the deposit from it).
   */
  Vue.component('deposit-box', {
    props: {
      auctionId: { type: Number, required: true },
      itemId: { type: Number, default: null },
      amount: { type: String, required: true },
      title: { type: String, default: '保证金' },
      note: { type: String, default: '' }
    },
    data: function () {
      return { balance: null, providers: [], payType: null, busy: false, error: '', qr: '', pending: null, stop: null, waiting: false };
    },
    computed: {
      enough: function () { return this.balance !== null && Auction.cents(this.balance) >= Auction.cents(this.amount); },
      options: function () {
        var list = [{ value: 2, text: '余额支付', disabled: !this.enough }];
        return list.concat(this.providers.map(function (p) { return { value: p.value, text: p.text, disabled: false }; }));
      }
    },
    created: function () {
      var vm = this;
      Promise.all([Auction.balance(), Auction.providers()]).then(function (answers) {
        vm.balance = answers[0];
        vm.providers = answers[1];
        var first = vm.options.filter(function (o) { return !o.disabled; })[0];
        vm.payType = first ? first.value : null;
      });
    },
    beforeDestroy: function () { if (this.stop) this.stop(); },
    methods: {
      yuan: Auction.yuan,
      pay: function () {
        var vm = this;
        if (!Shop.token()) { Shop.requireLogin(); return; }
        if (!vm.payType) return;
        vm.error = '';
        vm.busy = true;
        var body = { auction_id: vm.auctionId, pay_type: vm.payType };
        if (vm.itemId) body.item_id = vm.itemId;
        Shop.api('POST', '/auctions/deposit/', body).then(function (answer) {
          vm.busy = false;
          if (answer.status === 401) { Shop.requireLogin(); return; }
          if (!answer.ok) {
            vm.error = Shop.errorText(answer.data, '缴纳保证金失败，请稍后再试');
            // Paid before (in another tab, or the session's from its page): nothing more to do here.
            if (vm.error === '保证金已缴纳') { Shop.toast('您已缴纳过该保证金', 'success'); vm.$emit('paid'); }
            return;
          }
          if (answer.data.status === 'paid') {
            Shop.toast('保证金 ' + Auction.yuan(answer.data.amount) + ' 已从余额缴纳', 'success');
            vm.$emit('paid');
            return;
          }
          // Alipay: off to its cashier (the wallet recharge comes back through pay_success.html).
          if (answer.data.alipay_url) { window.location.href = answer.data.alipay_url; return; }
          if (!answer.data.code_url) { vm.error = '暂时无法支付，请稍后再试'; return; }
          vm.qr = Auction.qrSvg(answer.data.code_url);
          vm.pending = answer.data;
          vm.stop = Auction.watchRecharge(answer.data.recharge_id, function () {
            // The recharge has arrived; the server pays the deposit from it a moment later.
            vm.pending = null;
            vm.waiting = true;
            window.setTimeout(function () { vm.waiting = false; vm.$emit('paid'); }, 1500);
          });
        });
      },
      cancel: function () {
        if (this.stop) this.stop();
        this.stop = null;
        this.pending = null;
      }
    },
    template:
      '<div class="card deposit-box" id="deposit-box"><div class="card-body">' +
      '<div class="d-flex align-items-baseline gap-2"><h2 class="h6 mb-0">{{ title }}</h2>' +
      '<strong class="price fs-5 ms-auto" id="deposit-amount">{{ yuan(amount) }}</strong></div>' +
      '<p class="small text-muted mt-1 mb-2" v-if="note">{{ note }}</p>' +
      '<template v-if="!pending && !waiting">' +
      '<div class="d-flex flex-wrap gap-2 mb-2" role="radiogroup" aria-label="支付方式">' +
      '<div class="pay-option small" v-for="o in options" :key="o.value" :data-deposit-pay="o.value" role="radio" tabindex="0" ' +
      ':class="{selected: payType === o.value, \'opacity-50\': o.disabled}" :aria-checked="payType === o.value ? \'true\' : \'false\'" ' +
      ':aria-disabled="o.disabled ? \'true\' : \'false\'" @click="o.disabled || (payType = o.value)" @keydown.enter="o.disabled || (payType = o.value)">' +
      '{{ o.text }}<span class="text-muted" v-if="o.value === 2 && balance !== null">（可用 {{ yuan(balance) }}）</span></div></div>' +
      '<div class="small text-danger mb-2" v-if="balance !== null && !enough">余额不足<span v-if="!providers.length">，请先<a href="/user_center_wallet.html">充值</a>后再缴纳</span>' +
      '<span v-else>，可选择其他支付方式或<a href="/user_center_wallet.html">充值</a></span></div>' +
      '<div class="alert alert-danger py-1 px-2 small mb-2" role="alert" v-if="error" id="deposit-error">{{ error }}</div>' +
      '<button type="button" class="btn btn-shop w-100" id="deposit-pay" :disabled="busy || !payType" @click="pay">' +
      '{{ busy ? \'正在缴纳…\' : \'缴纳保证金 \' + yuan(amount) }}</button>' +
      '<p class="small text-muted mt-2 mb-0">未竞得拍品，保证金将在结拍后退回账户余额；竞得后可抵扣货款。</p>' +
      '</template>' +
      '<div class="text-center" v-if="pending" id="deposit-qr-pending">' +
      '<div class="qr-box border p-2 mb-2" v-html="qr" role="img" aria-label="微信支付二维码"></div>' +
      '<p class="small text-muted mb-2">请用微信扫一扫支付 {{ yuan(pending.amount) }}，到账后自动缴纳保证金</p>' +
      '<button type="button" class="btn btn-sm btn-outline-secondary" @click="cancel">取消</button></div>' +
      '<div class="text-center text-muted small py-2" v-if="waiting">支付成功，正在缴纳保证金…</div>' +
      '</div></div>'
  });

  window.Auction = Auction;
})(window, window.Vue, window.Shop);
