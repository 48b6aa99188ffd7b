/*
 * Formgate comments: shows a blog post's published comments and the form to write one.
 * Embed where the comments belong:
 *   <div data-formgate-comments data-site="www" data-post="my-post" data-lang="de"
 *        data-gateway="https://forms.example.org"></div>
 *   <link rel="stylesheet" href="https://forms.example.org/assets/comments/comments.css">
 *   <script src="https://forms.example.org/assets/comments/comments.js" defer></script>
 *   <script type="module" src="https://forms.example.org/assets/altcha/altcha.js"></script>
 * It talks to the gateway only (no third party), sends no cookies, sets no inline style or script (a strict CSP
 * needs script-src, style-src and connect-src for the gateway), and shows every name and text as plain text.
 * Without JavaScript the website can fetch GET /api/comments?site=…&post=… on its server and render the JSON.
 */
(function () {
  'use strict';

  var TEXTS = {
    de: {
      heading: 'Kommentare', none: 'Noch keine Kommentare.', anonymous: 'Ohne Namen', write: 'Kommentar schreiben',
      name: 'Name (freiwillig)', text: 'Kommentar', notice: 'Per E-Mail benachrichtigen, wenn der Kommentar veröffentlicht ist',
      email: 'E-Mail-Adresse (nur für diese Benachrichtigung)', send: 'Kommentar senden', sending: 'Wird gesendet …',
      closed: 'Zu diesem Beitrag können keine Kommentare mehr geschrieben werden.',
      pending: 'Vielen Dank! Ihr Kommentar wird veröffentlicht, sobald ihn jemand aus der Redaktion freigegeben hat.',
      published: 'Vielen Dank! Ihr Kommentar ist veröffentlicht.',
      deleteLink: 'Ihr privater Link zum Löschen (bitte aufbewahren; wir zeigen ihn nur dieses eine Mal):',
      deleteLabel: 'Kommentar löschen', failed: 'Das hat nicht geklappt. Bitte versuchen Sie es später noch einmal.',
      invalid: 'Bitte prüfen Sie: ', honeypot: 'Bitte leer lassen', unavailable: 'Die Kommentare können gerade nicht geladen werden.',
      privacy: 'Mit dem Kommentar speichern wir den Zeitpunkt und veröffentlichen ihn mit Ihrem Text und Namen. Ihre IP-Adresse speichern wir getrennt 30 Tage lang als Nachweis, falls der Kommentar zu einem Rechtsstreit führt (Art. 6 Abs. 1 Buchst. f DSGVO); sie wird nie veröffentlicht.',
      fields: { name: 'Name', text: 'Kommentar', email: 'E-Mail-Adresse', post: 'Beitrag', site: 'Website' },
      altcha: '{"label":"Ich bin kein Roboter","verified":"Geprüft","verifying":"Wird geprüft …","waitAlert":"Prüfung läuft, bitte warten.","error":"Prüfung fehlgeschlagen. Bitte laden Sie die Seite neu.","expired":"Prüfung abgelaufen. Bitte erneut prüfen.","footer":"Schutz vor Spam ohne Cookies und ohne Dritte (ALTCHA)","ariaLinkLabel":"ALTCHA"}'
    },
    en: {
      heading: 'Comments', none: 'No comments yet.', anonymous: 'No name', write: 'Write a comment',
      name: 'Name (optional)', text: 'Comment', notice: 'Tell me by e-mail when the comment is published',
      email: 'E-mail address (for this notice only)', send: 'Send comment', sending: 'Sending …',
      closed: 'Comments on this post are closed.',
      pending: 'Thank you! Your comment will be published once an editor has approved it.',
      published: 'Thank you! Your comment is published.',
      deleteLink: 'Your private link to delete it (keep it; we show it only this once):',
      deleteLabel: 'Delete comment', failed: 'That did not work. Please try again later.',
      invalid: 'Please check: ', honeypot: 'Leave empty', unavailable: 'The comments cannot be loaded right now.',
      privacy: 'With the comment we store the time it was written and publish it with your text and name. We keep your IP address apart for 30 days as evidence in case the comment leads to a legal dispute (Art. 6(1)(f) GDPR); it is never published.',
      fields: { name: 'Name', text: 'Comment', email: 'E-mail address', post: 'Post', site: 'Website' },
      altcha: '{"label":"I am not a robot","verified":"Verified","verifying":"Verifying …","waitAlert":"Verifying, please wait.","error":"Verification failed. Please reload the page.","expired":"Verification expired. Please verify again.","footer":"Spam protection without cookies or third parties (ALTCHA)","ariaLinkLabel":"ALTCHA"}'
    }
  };
  var LINK = /\bhttps?:\/\/[^\s<>"]+/g;
  var counter = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  /* The text as typed: line breaks kept by the stylesheet, http(s) links made links, everything else plain text. */
  function textWithLinks(text) {
    var block = el('p', 'fg-comment-text');
    var last = 0;
    text.replace(LINK, function (url, at) {
      block.appendChild(document.createTextNode(text.slice(last, at)));
      var a = el('a', null, url);
      a.href = url;
      a.rel = 'nofollow ugc noopener noreferrer';
      block.appendChild(a);
      last = at + url.length;
      return url;
    });
    block.appendChild(document.createTextNode(text.slice(last)));
    return block;
  }

  function field(form, id, label, control) {
    var wrap = el('div', 'fg-field');
    var l = el('label', null, label);
    l.htmlFor = id;
    control.id = id;
    wrap.appendChild(l);
    wrap.appendChild(control);
    form.appendChild(wrap);
    return control;
  }

  function mount(root) {
    var site = root.getAttribute('data-site');
    var post = root.getAttribute('data-post');
    var lang = root.getAttribute('data-lang') === 'en' ? 'en' : 'de';
    var gateway = (root.getAttribute('data-gateway') || '').replace(/\/+$/, '');
    var t = TEXTS[lang];
    var n = ++counter;
    var api = gateway + '/api/comments';
    var query = '?site=' + encodeURIComponent(site) + '&post=' + encodeURIComponent(post);

    root.textContent = '';
    root.classList.add('fg-comments');
    var heading = el('h2', null, t.heading);
    heading.id = 'fg-comments-heading-' + n;
    root.setAttribute('aria-labelledby', heading.id);
    var list = el('ol', 'fg-comment-list');
    var empty = el('p', 'fg-empty', t.none);
    var status = el('p', 'fg-status');
    status.setAttribute('role', 'status');
    root.appendChild(heading);
    root.appendChild(list);
    root.appendChild(empty);

    function show(thread) {
      list.textContent = '';
      thread.comments.forEach(function (c) {
        var item = el('li', 'fg-comment');
        item.setAttribute('data-comment-id', c.id);
        var head = el('p', 'fg-comment-head');
        head.appendChild(el('strong', 'fg-comment-name', c.name ? c.name : t.anonymous));
        head.appendChild(document.createTextNode(' · '));
        var time = el('time', null, new Date(c.postedAt).toLocaleString(lang === 'en' ? 'en-GB' : 'de-DE',
          { dateStyle: 'medium', timeStyle: 'short' }));
        time.dateTime = c.postedAt;
        head.appendChild(time);
        item.appendChild(head);
        item.appendChild(textWithLinks(c.text));
        list.appendChild(item);
      });
      empty.hidden = thread.comments.length > 0;
      form.hidden = !thread.open;
      closed.hidden = thread.open;
    }

    function load() {
      return fetch(api + query, { credentials: 'omit', headers: { Accept: 'application/json' } })
        .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
        .then(show)
        .catch(function () { empty.hidden = false; empty.textContent = t.unavailable; });
    }

    var closed = el('p', 'fg-closed', t.closed);
    closed.hidden = true;
    var form = el('form', 'fg-form');
    form.noValidate = false;
    form.appendChild(el('h3', null, t.write));
    var name = field(form, 'fg-name-' + n, t.name, el('input'));
    name.name = 'name';
    name.maxLength = 80;
    name.autocomplete = 'nickname';
    var text = field(form, 'fg-text-' + n, t.text, el('textarea'));
    text.name = 'text';
    text.required = true;
    text.maxLength = 3000;
    text.rows = 5;
    var noticeWrap = el('div', 'fg-check');
    var notice = el('input');
    notice.type = 'checkbox';
    notice.id = 'fg-notice-' + n;
    notice.name = 'notice';
    var noticeLabel = el('label', null, t.notice);
    noticeLabel.htmlFor = notice.id;
    noticeWrap.appendChild(notice);
    noticeWrap.appendChild(noticeLabel);
    form.appendChild(noticeWrap);
    var email = field(form, 'fg-email-' + n, t.email, el('input'));
    email.type = 'email';
    email.name = 'email';
    email.maxLength = 254;
    email.autocomplete = 'email';
    email.parentNode.hidden = true;
    notice.addEventListener('change', function () {
      email.parentNode.hidden = !notice.checked;
      email.required = notice.checked;
    });
    var trap = el('div', 'fg-honeypot');
    trap.setAttribute('aria-hidden', 'true');
    var website = field(trap, 'fg-website-' + n, t.honeypot, el('input'));
    website.name = 'website';
    website.tabIndex = -1;
    website.autocomplete = 'off';
    form.appendChild(trap);
    var widget = document.createElement('altcha-widget');
    widget.setAttribute('challengeurl', gateway + '/api/altcha/challenge?form=comment');
    widget.setAttribute('name', 'altcha');
    widget.setAttribute('auto', 'onload');
    widget.setAttribute('hidelogo', '');
    widget.setAttribute('strings', t.altcha);
    form.appendChild(widget);
    form.appendChild(el('p', 'fg-privacy', t.privacy));
    var send = el('button', null, t.send);
    send.type = 'submit';
    form.appendChild(send);
    form.appendChild(status);
    root.appendChild(closed);
    root.appendChild(form);

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var data = new FormData(form);
      var body = { site: site, post: post, language: lang, name: data.get('name') || '', text: data.get('text') || '',
        website: data.get('website') || '', altcha: data.get('altcha') || '' };
      if (notice.checked) { body.notice = true; body.email = data.get('email') || ''; }
      send.disabled = true;
      status.textContent = t.sending;
      // The site in the address too: the gateway allows a site's comments only from that site's origins (CORS).
      fetch(api + '?site=' + encodeURIComponent(site), { method: 'POST', credentials: 'omit', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body) })
        .then(function (r) { return r.json().catch(function () { return {}; }).then(function (json) { return { status: r.status, json: json }; }); })
        .then(function (answer) {
          send.disabled = false;
          if (answer.status === 202) {
            status.textContent = answer.json.state === 'published' ? t.published : t.pending;
            var keep = el('p', 'fg-delete', t.deleteLink + ' ');
            var a = el('a', null, t.deleteLabel);
            a.href = gateway + answer.json.deletePath + '&lang=' + lang;
            a.rel = 'noopener';
            keep.appendChild(a);
            status.appendChild(keep);
            form.reset();
            email.parentNode.hidden = true;
            if (widget.reset) { widget.reset(); }
            load();
          } else if (answer.status === 400 && answer.json.errors) {
            status.textContent = t.invalid + answer.json.errors.map(function (e) { return t.fields[e.field] || e.field; }).join(', ');
          } else if (answer.status === 409) {
            status.textContent = t.closed;
          } else {
            status.textContent = t.failed;
          }
        })
        .catch(function () { send.disabled = false; status.textContent = t.failed; });
    });

    load();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-formgate-comments]'), mount);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
