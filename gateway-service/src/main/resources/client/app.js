// Herald test client: one WebSocket to /ws, JSON frames {event, id, data}.
(() => {
  const $ = (id) => document.getElementById(id);
  let socket = null;
  let nextId = 1;

  function log(kind, text) {
    const line = document.createElement('div');
    line.className = kind;
    line.textContent = `${new Date().toISOString().slice(11, 23)} ${text}`;
    $('log').prepend(line);
  }

  function setState(text, connected) {
    $('state').textContent = text;
    $('send').disabled = !connected;
    $('offline').disabled = !connected;
    $('any').disabled = !connected;
    document.querySelectorAll('button.api, button.ids').forEach((b) => { b.disabled = !connected; });
  }

  function send(event, data) {
    const frame = JSON.stringify({ event, id: String(nextId++), data });
    socket.send(frame);
    log('out', `> ${frame}`);
  }

  $('connect').onclick = () => {
    if (socket) socket.close();
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${scheme}://${location.host}/ws`);
    setState('connecting…', false);
    socket.onopen = () => {
      setState('connected', true);
      send('online', { token: $('token').value.trim() });
    };
    socket.onmessage = (e) => log('in', `< ${e.data}`);
    socket.onclose = (e) => {
      log('info', `closed ${e.code} ${e.reason}`);
      setState('disconnected', false);
      socket = null;
    };
  };

  $('offline').onclick = () => socket && send('offline', {});

  $('send').onclick = () => {
    const receivers = $('receivers').value.split(',').map((s) => s.trim()).filter(Boolean);
    const room = $('room').value.trim();
    // A message goes to receivers or to a room, never both.
    const data = room ? { room, body: $('body').value } : { receivers, body: $('body').value };
    if ($('title').value) data.title = $('title').value;
    send('message', data);
  };

  // The inbox/outbox events of docs/protocol.md: the ack carries the answer, shown in the log.
  document.querySelectorAll('button.api').forEach((b) => {
    b.onclick = () => send(b.dataset.event, {});
  });
  $('any').onclick = () => {
    let data;
    try {
      data = JSON.parse($('data').value.trim() || '{}');
    } catch (e) {
      log('info', `data is not JSON: ${e.message}`);
      return;
    }
    send($('event').value.trim(), data);
  };
  document.querySelectorAll('button.ids').forEach((b) => {
    b.onclick = () => {
      const ids = $('ids').value.split(',').map((s) => s.trim()).filter(Boolean);
      send(b.dataset.event, { ids });
    };
  });
})();
