/*
 * The local chat page: posts activities to /api/messages with deliveryMode "expectReplies" and
 * shows the replies, rendering Adaptive Cards with the adaptivecards package as Teams would.
 * Card buttons post their data back as the activity's value, as a Teams Action.Submit does.
 */
(function () {
  'use strict';
  var AC = window.AdaptiveCards;
  var transcript = document.getElementById('transcript');
  var form = document.getElementById('composer');
  var input = document.getElementById('input');
  var fileInput = document.getElementById('file');
  var fileName = document.getElementById('file-name');

  // One conversation per browser tab; a reload continues it.
  var conversationId = sessionStorage.getItem('sqltriage.conversation');
  if (!conversationId) {
    conversationId = 'web-' + Math.random().toString(36).slice(2) + Date.now().toString(36);
    sessionStorage.setItem('sqltriage.conversation', conversationId);
  }
  var userId = localStorage.getItem('sqltriage.user');
  if (!userId) {
    userId = 'web-user-' + Math.random().toString(36).slice(2);
    localStorage.setItem('sqltriage.user', userId);
  }
  var counter = 0;

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // The small Markdown subset the cards use: bold, http(s) links, "- " lists, backslash escapes;
  // a blank line only separates paragraphs (preformatted text is one paragraph per line).
  function inline(line) {
    var html = escapeHtml(line);
    html = html.replace(/\[([^\]\n]{1,300})\]\((https?:\/\/[^\s)]{1,2000})\)/g, function (_m, label, url) {
      return '<a href="' + url + '" target="_blank" rel="noopener noreferrer">' + label + '</a>';
    });
    html = html.replace(/\*\*([^*\n]{1,500})\*\*/g, '<strong>$1</strong>');
    return html.replace(/\\([\\*_[\]`+#>.)-])/g, '$1');
  }

  function markdown(text) {
    var lines = String(text).split(/\r\n|\r|\n/);
    var out = [];
    var inList = false;
    lines.forEach(function (line) {
      if (line === '') return;
      if (/^- /.test(line)) {
        if (!inList) out.push('<ul>');
        inList = true;
        out.push('<li>' + inline(line.slice(2)) + '</li>');
      } else {
        if (inList) out.push('</ul>');
        inList = false;
        out.push('<p>' + inline(line) + '</p>');
      }
    });
    if (inList) out.push('</ul>');
    return out.join('');
  }

  AC.AdaptiveCard.onProcessMarkdown = function (text, result) {
    result.outputHtml = markdown(text);
    result.didProcess = true;
  };

  function scrollDown() {
    window.scrollTo(0, document.body.scrollHeight);
  }

  function addBubble(kind, text) {
    var div = document.createElement('div');
    div.className = 'msg ' + kind;
    div.textContent = text;
    transcript.appendChild(div);
    scrollDown();
    return div;
  }

  function addCard(content) {
    var card = new AC.AdaptiveCard();
    card.onExecuteAction = function (action) {
      if (action instanceof AC.SubmitAction) send({ value: action.data }, action.title);
      else if (action instanceof AC.OpenUrlAction) window.open(action.url, '_blank', 'noopener');
    };
    card.parse(content);
    var rendered = card.render();
    var div = document.createElement('div');
    div.className = 'msg bot card';
    div.appendChild(rendered);
    transcript.appendChild(div);
    scrollDown();
  }

  function show(activity) {
    if (activity.type !== 'message') return;
    var cards = (activity.attachments || []).filter(function (a) {
      return a.contentType === 'application/vnd.microsoft.card.adaptive';
    });
    if (activity.text && cards.length === 0) addBubble('bot', activity.text);
    cards.forEach(function (a) {
      addCard(a.content);
    });
  }

  function activityWith(extra) {
    counter += 1;
    var base = {
      type: 'message',
      id: conversationId + '-' + counter,
      timestamp: new Date().toISOString(),
      channelId: 'emulator',
      serviceUrl: location.origin,
      from: { id: userId, name: 'You', role: 'user' },
      recipient: { id: 'sqltriage', name: 'sqltriage', role: 'bot' },
      conversation: { id: conversationId },
      deliveryMode: 'expectReplies',
      locale: navigator.language || 'en-US',
      textFormat: 'plain',
    };
    Object.keys(extra).forEach(function (k) {
      base[k] = extra[k];
    });
    return base;
  }

  function send(extra, shownAs) {
    if (shownAs) addBubble('user', shownAs);
    var pending = addBubble('bot pending', 'thinking…');
    return fetch('/api/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activityWith(extra)),
    })
      .then(function (res) {
        if (!res.ok) throw new Error('the bot answered HTTP ' + res.status);
        return res.text();
      })
      .then(function (body) {
        pending.remove();
        var parsed = body ? JSON.parse(body) : {};
        (parsed.activities || []).forEach(show);
      })
      .catch(function (err) {
        pending.remove();
        addBubble('error', 'Message not delivered: ' + err.message);
      });
  }

  function readFile(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () {
        resolve(reader.result);
      };
      reader.onerror = function () {
        reject(reader.error);
      };
      reader.readAsDataURL(file);
    });
  }

  fileInput.addEventListener('change', function () {
    fileName.textContent = fileInput.files.length ? fileInput.files[0].name : '';
  });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value;
    var file = fileInput.files.length ? fileInput.files[0] : null;
    if (!text.trim() && !file) return;
    input.value = '';
    fileInput.value = '';
    fileName.textContent = '';
    if (!file) {
      send({ text: text }, text);
      return;
    }
    readFile(file).then(
      function (url) {
        var att = [{ contentType: 'text/plain', name: file.name, contentUrl: url }];
        send({ text: text, attachments: att }, (text ? text + '\n' : '') + '📎 ' + file.name);
      },
      function (err) {
        addBubble('error', 'Could not read ' + file.name + ': ' + err.message);
      },
    );
  });

  // The page opening is the conversation starting: the bot's welcome comes as Teams' would, once per tab.
  if (!sessionStorage.getItem('sqltriage.welcomed')) {
    sessionStorage.setItem('sqltriage.welcomed', '1');
    send({ type: 'conversationUpdate', membersAdded: [{ id: userId, name: 'You' }] });
  }

  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.requestSubmit();
  });
})();
