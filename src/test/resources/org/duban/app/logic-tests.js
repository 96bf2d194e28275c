// The app's pure logic, tested in the browser it runs in. Evaluated by LogicTest on a page of the app;
// answers [{ name, ok, detail }].
async () => {
  const { light } = await import('/logic/light.js');
  const { byUrgency } = await import('/logic/urgency.js');
  const { countdown, nextChangeIn } = await import('/logic/countdown.js');
  const { offsetFromDateHeader, offsetFromInstant } = await import('/logic/clock.js');
  const { calendarNote } = await import('/logic/calendar.js');
  const { compose, outcome, sendingOrder, toUpload, uploaded, reportBody } = await import('/logic/outbox.js');
  const { fitWithin, isPhoto, jpegName, fileSize } = await import('/logic/photo.js');
  const { extensionLastMoment, extensionOffer, completionOffer, toShanghaiField, fromShanghaiField } = await import('/logic/steps.js');
  const { thread } = await import('/logic/thread.js');
  const { reviews, awaitingReview, returnReason, length, REASON_MAX } = await import('/logic/review.js');
  const { milestones, isDate, MILESTONES_MAX } = await import('/logic/milestones.js');
  const { readableMoment, readableDate, laterBy } = await import('/logic/dates.js');
  const { showsAsPicture } = await import('/logic/photo.js');
  const { newestEventId, markTarget, listWithUnread, answerIsNewer } = await import('/logic/unread.js');
  const { pullDistance, pullPhase, releaseRefreshes, PULL_THRESHOLD, PULL_MAX } = await import('/logic/pull.js');
  const { rowFromItem } = await import('/logic/live.js');
  const { explainClock, plainEnd, reminderKinds } = await import('/logic/why.js');
  const { linkCode, isLinkLocation, oneTimeCode, linkOutcome, itemLocation } = await import('/logic/link.js');
  const live = await import('/logic/live.js');
  const results = [];
  const eq = (name, actual, expected) => {
    const ok = JSON.stringify(actual) === JSON.stringify(expected);
    results.push({ name, ok, detail: ok ? '' : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}` });
  };
  const H = 3600 * 1000;
  const M = 60 * 1000;
  const now = Date.parse('2026-06-01T02:00:00Z');
  const at = (ms) => new Date(now + ms).toISOString();

  // the traffic light
  eq('overdue is red', light({ status: 'active', nextDeadline: at(-H), overdue: true }, now), 'red');
  eq('past its deadline is red even before the server says overdue', light({ status: 'active', nextDeadline: at(-1000) }, now), 'red');
  eq('key supervision is red however far the deadline', light({ status: 'active', nextDeadline: at(30 * 24 * H), keySupervision: true }, now), 'red');
  eq('due within 24 h is yellow', light({ status: 'active', nextDeadline: at(24 * H) }, now), 'yellow');
  eq('returned is yellow', light({ status: 'active', nextDeadline: at(5 * 24 * H), returns: 1 }, now), 'yellow');
  eq('more than 24 h is green', light({ status: 'active', nextDeadline: at(24 * H + 1000) }, now), 'green');
  eq('no deadline is green', light({ status: 'active', nextDeadline: null }, now), 'green');
  eq('closed has no light', light({ status: 'closed', nextDeadline: at(-H), overdue: true }, now), 'none');

  // urgency
  const items = [
    { id: 1, number: 'A-5', status: 'active', nextDeadline: at(10 * 24 * H) },
    { id: 2, number: 'A-4', status: 'active', nextDeadline: at(2 * H) },
    { id: 3, number: 'A-3', status: 'active', nextDeadline: at(-2 * H), overdue: true },
    { id: 4, number: 'A-2', status: 'active', nextDeadline: at(-30 * H), overdue: true },
    { id: 5, number: 'A-1', status: 'active', nextDeadline: at(20 * 24 * H), keySupervision: true },
    { id: 6, number: 'A-0', status: 'active', nextDeadline: null },
    { id: 7, number: 'A-9', status: 'closed', nextDeadline: null },
    { id: 8, number: 'A-8', status: 'active', nextDeadline: at(9 * 24 * H), returns: 2 },
  ];
  eq('most urgent first: red by deadline, yellow, green, no deadline, closed', byUrgency(items, now).map((i) => i.id), [4, 3, 5, 2, 8, 1, 6, 7]);
  eq('the order does not change the input', items.map((i) => i.id), [1, 2, 3, 4, 5, 6, 7, 8]);

  // countdown wording
  eq('hours and minutes', countdown(now + 4 * H + 12 * M + 30000, now), '4 小时 12 分后到期');
  eq('days and hours overdue', countdown(now - (27 * H + 5 * M), now), '已逾期 1 天 3 小时');
  eq('whole days', countdown(now + 3 * 24 * H + 10 * M, now), '3 天后到期');
  eq('minutes only', countdown(now + 59 * M + 59000, now), '59 分后到期');
  eq('under a minute', countdown(now + 30000, now), '不到 1 分钟后到期');
  eq('just overdue', countdown(now - 30000, now), '刚刚逾期');
  eq('english', countdown(now + 4 * H + 12 * M, now, 'en'), 'due in 4 h 12 min');
  eq('english overdue', countdown(now - (27 * H), now, 'en'), 'overdue by 1 d 3 h');
  eq('no deadline, no wording', countdown(null, now), null);
  eq('redraws when the minute turns', nextChangeIn(now + 4 * H + 12 * M + 30000, now), 30000);
  eq('never sooner than a second', nextChangeIn(now + 4 * H + 200, now), 1000);
  eq('overdue redraws when the minute turns too', nextChangeIn(now - 20000, now), 40000);

  // the server's clock
  eq('offset from a Date header, half a second added back', offsetFromDateHeader('Mon, 01 Jun 2026 02:00:10 GMT', now), 10500);
  eq('no header, no offset', offsetFromDateHeader(null, now), null);
  eq('offset from an instant over the round trip', offsetFromInstant('2026-06-01T02:00:05.000Z', now - 200, now + 200), 5000);

  // the calendar mark (R12)
  eq('missing year', calendarNote({ status: 'missing', missingYears: [2027] }), '（2027年节假日安排未发布，时限可能调整）');
  eq('known year says nothing', calendarNote({ status: 'known', missingYears: [] }), null);

  // the offline queue
  let n = 0;
  const a = compose(9, 'first', () => `key-${++n}-abcdefgh`, now);
  const b = compose(9, 'second', () => `key-${++n}-abcdefgh`, now + 1000);
  eq('a report gets its key when composed', [a.key, a.state, a.itemId], ['key-1-abcdefgh', 'waiting', 9]);
  eq('oldest first', sendingOrder([b, a]).map((e) => e.text), ['first', 'second']);
  eq('stored or replayed is sent', [outcome(201), outcome(200)], ['sent', 'sent']);
  eq('no answer, 5xx, 401, 429 retry', [outcome(null), outcome(503), outcome(401), outcome(429)], ['retry', 'retry', 'retry', 'retry']);
  eq('a refusal is for the person to see', [outcome(400), outcome(403), outcome(409), outcome(422)], ['refused', 'refused', 'refused', 'refused']);

  // photos made smaller on the phone
  eq('a 3000x2000 photo is drawn at 1600x1067', fitWithin(3000, 2000), { width: 1600, height: 1067 });
  eq('a portrait photo keeps its shape', fitWithin(3024, 4032), { width: 1200, height: 1600 });
  eq('a small picture is never enlarged', fitWithin(800, 600), { width: 800, height: 600 });
  eq('exactly the long side stays', fitWithin(1600, 900), { width: 1600, height: 900 });
  eq('camera formats are photos, documents are not', [isPhoto('image/jpeg'), isPhoto('image/png'), isPhoto('application/pdf'), isPhoto('image/gif')], [true, true, false, false]);
  eq('a redrawn photo is a .jpg', jpegName('IMG_0001.PNG', now), 'IMG_0001.jpg');
  eq('a camera photo without a name gets one', jpegName('', now), 'photo-20260601020000.jpg');
  eq('sizes in words', [fileSize(300), fileSize(820 * 1024), fileSize(1.4 * 1024 * 1024)], ['1 KB', '820 KB', '1.4 MB']);

  // a report with files waits with them and names them once all are up
  const withPhoto = compose(9, 'with a photo', () => 'key-photo-abcdefgh', now, [{ name: 'a.jpg', type: 'image/jpeg', size: 10, blob: 'A' }, { name: 'b.pdf', type: 'application/pdf', size: 20, blob: 'B' }]);
  eq('both files still to upload', toUpload(withPhoto), [0, 1]);
  const half = uploaded(withPhoto, 0, 'id-a');
  eq('after one, only the other', toUpload(half), [1]);
  eq('the uploaded file lets go of its bytes, the other keeps them', [half.files[0].blob, half.files[1].blob], [null, 'B']);
  eq('the key stays with the report', half.key, 'key-photo-abcdefgh');
  let early = null;
  try { reportBody(half); } catch (e) { early = e.message; }
  eq('no report before every file is up', early, 'files still to upload');
  eq('the report names its files in order', reportBody(uploaded(half, 1, 'id-b')), { text: 'with a photo', attachmentIds: ['id-a', 'id-b'] });
  eq('a report without files names none', reportBody(a), { text: 'first' });

  // extension (R32) and completion (R31)
  eq('the last moment is 2 days before the deadline', extensionLastMoment('2026-06-10T10:00:00Z'), '2026-06-08T10:00:00.000Z');
  eq('no deadline, no last moment', extensionLastMoment(null), null);
  const lead = (unit, rest = {}) => ({ status: 'active', node: '7d', ...rest, units: [{ role: 'lead', status: 'assigned', ...unit }, { role: 'cooperating' }] });
  eq('offered until the last moment', extensionOffer(lead({ deadline: at(48 * H) }), now), { offered: true, lastMoment: at(0), why: null });
  eq('a second late is too late', extensionOffer(lead({ deadline: at(48 * H - 1000) }), now).why, 'tooLate');
  eq('overdue is too late', extensionOffer(lead({ deadline: at(-H) }), now).why, 'tooLate');
  eq('the 1-day and 3-day nodes are not extended', [extensionOffer(lead({ deadline: at(9 * 24 * H) }, { node: '3d' }), now).why,
    extensionOffer(lead({ deadline: at(9 * 24 * H) }, { node: '1m' }), now).why], ['node', null]);
  eq('one request at a time', extensionOffer(lead({ deadline: at(9 * 24 * H), extension: { state: 'requested' } }), now).why, 'pending');
  eq('a refused request may be followed by another', extensionOffer(lead({ deadline: at(9 * 24 * H), extension: { state: 'refused' } }), now).offered, true);
  eq('only the lead unit asks', extensionOffer({ status: 'active', units: [{ role: 'cooperating', status: 'assigned', deadline: at(9 * 24 * H) }] }, now).why, 'notLead');
  eq('only while in progress', extensionOffer(lead({ deadline: at(9 * 24 * H) }, { status: 'completion_requested' }), now).why, 'notActive');
  eq('completion after the result is reported', [completionOffer(lead({ status: 'assigned' })).why, completionOffer(lead({ status: 'returned' })).why,
    completionOffer(lead({ status: 'reported' })).offered, completionOffer(lead({ status: 'accepted' })).offered], ['notReported', 'notReported', true, true]);
  eq('a field shows Shanghai time', toShanghaiField('2026-06-01T02:00:00Z'), '2026-06-01T10:00');
  eq('a field is read as Shanghai time', fromShanghaiField('2026-06-01T10:00'), '2026-06-01T02:00:00.000Z');
  eq('an empty field is no moment', [fromShanghaiField(''), fromShanghaiField('tomorrow')], [null, null]);

  // why is it red?
  const lines = (why, key) => why.sections.find((s) => s.key === key).lines;
  eq('a 7-day node ends 7 days after the assignment', plainEnd('2026-06-01T02:00:00Z', '7d'), '2026-06-08T02:00:00.000Z');
  eq('a month from the 31st ends on the last day of the next month', plainEnd('2026-01-31T02:00:00Z', '1m'), '2026-02-28T02:00:00.000Z');
  eq('a month counted in Shanghai days', plainEnd('2026-01-30T17:00:00Z', '1m'), '2026-02-27T17:00:00.000Z');
  const overdueItem = {
    status: 'active', node: '3d', assignedAt: '2026-05-27T02:00:00Z', deadline: '2026-06-01T01:00:00Z', keySupervision: false,
    calendar: { status: 'known', missingYears: [] },
    units: [{ role: 'lead', status: 'assigned', deadline: '2026-06-01T01:00:00Z', returns: 0, overdue: true, calendar: { status: 'known', missingYears: [] } }],
  };
  const redWhy = explainClock(overdueItem, [], [
    { state: 'fired', kinds: ['before_deadline'], rules: ['R13'], recipient: 'unit_responsible', sendAt: '2026-05-31T20:00:00Z', firedAt: '2026-05-31T23:00:00Z', heldFrom: '2026-05-31T20:00:00Z' },
    { state: 'skipped', kinds: ['urge'], rules: ['R15'], recipient: 'unit_responsible', sendAt: '2026-06-01T01:30:00Z', note: '与逾期提醒合并' },
    { state: 'planned', kinds: ['after_deadline', 'urge'], rules: ['R13', 'R15'], recipient: 'unit_responsible', sendAt: '2026-06-01T06:00:00Z' },
  ], now);
  eq('red says why in its title', redWhy.title, '为什么是红灯？');
  eq('red because overdue, with how long', lines(redWhy, 'light')[0], '本单位的反馈已过时限（2026/06/01 09:00），已逾期 1 小时。');
  eq('the node and its plain end', lines(redWhy, 'deadline')[0], '时间节点 3 天：自交办（2026/05/27 10:00）起算，到 2026/05/30 10:00。');
  eq('a day off moved the deadline', lines(redWhy, 'deadline')[1], '2026/05/30 10:00 是休息日或法定节假日，时限顺延到下一个工作日：2026/06/01 09:00（依据 R10、R12）。');
  eq('a sent reminder held in the quiet hours, with its rule',
    lines(redWhy, 'sent')[0], '2026/06/01 07:00 到期前提醒 发给本单位负责人 · 依据 R13 （2026/06/01 04:00 到点时在夜间免打扰时段，推迟到 2026/06/01 07:00 发出）');
  eq('a skipped one says why', lines(redWhy, 'sent')[1], '2026/06/01 09:30 逾期催办 发给本单位负责人：未发出，与逾期提醒合并 · 依据 R15');
  eq('the next ones, then that they assume nothing changes', lines(redWhy, 'next'), ['2026/06/01 14:00 逾期提醒、逾期催办 发给本单位负责人 · 依据 R13、R15', '以上按现状推算；反馈、退回、延期或节假日安排变化后会重新安排。']);
  eq('overdue: a report stops the urging', lines(redWhy, 'stop'), ['现在报送反馈，逾期催办随即停止（依据 R14、R15）；超时反馈会记为超时。']);
  const missingItem = {
    ...overdueItem, node: '1m', assignedAt: '2026-12-20T02:00:00Z', deadline: '2027-01-20T02:00:00Z', calendar: { status: 'missing', missingYears: [2027] },
    units: [{ role: 'lead', status: 'assigned', deadline: '2027-01-20T02:00:00Z', returns: 0, overdue: false, calendar: { status: 'missing', missingYears: [2027] } }],
  };
  const greenWhy = explainClock(missingItem, [{ type: 'deadline_moved', rule: 'R12', data: { from: '2027-01-20T02:00:00Z', to: '2027-01-21T02:00:00Z', year: 2027 } }], [], Date.parse('2026-12-21T02:00:00Z'));
  eq('green is green', greenWhy.title, '为什么是绿灯？');
  eq('a year without a holiday notice is said', lines(greenWhy, 'deadline').at(-1), '2027年的节假日安排尚未发布，这一年按周一至周五计算工作日；安排发布后时限可能调整（依据 R12）。');
  eq('a move after the notice is said', lines(greenWhy, 'deadline')[1], '2027年节假日安排发布后，时限由 2027/01/20 10:00 调整为 2027/01/21 10:00（依据 R12）。');
  eq('before the deadline: a report cancels the rest (R14)', lines(greenWhy, 'stop'), ['在时限（2027/01/20 10:00）前报送反馈，本节点此后的提醒即全部取消（依据 R14）。']);
  eq('nothing sent yet, nothing planned', [lines(greenWhy, 'sent'), lines(greenWhy, 'next')], [['还没有发出提醒。'], ['目前没有计划中的提醒。']]);
  const returnedWhy = explainClock({ ...missingItem, calendar: { status: 'known', missingYears: [] }, units: [{ role: 'lead', status: 'returned', returns: 2, deadline: '2027-01-20T02:00:00Z' }] }, [], [], Date.parse('2026-12-21T02:00:00Z'));
  eq('returned is yellow, and says how often', [returnedWhy.title, lines(returnedWhy, 'light')[0]], ['为什么是黄灯？', '本单位的反馈被督办科室退回 2 次（依据 R30），请按退回理由重新反馈。']);
  const reportedWhy = explainClock({ ...overdueItem, units: [{ role: 'lead', status: 'reported', deadline: '2026-06-01T01:00:00Z', overdue: false }] }, [], [], now, 'en');
  eq('english, and a report waiting for review stops the clock', [reportedWhy.title, lines(reportedWhy, 'stop')[0].slice(0, 27)], ['Why is it red?', 'Your unit has reported; the']);

  // the thread
  const t = thread(
    [{ id: 1, at: at(-3 * H), type: 'assigned' }, { id: 2, at: at(-H), type: 'reported' }, { id: 3, at: at(-30 * M), type: 'returned', reason: 'x' }],
    [{ id: 7, submittedAt: at(-H), text: 'r' }],
    [{ key: 'k1', state: 'fired', firedAt: at(-2 * H), rules: ['R13'] }, { key: 'k2', state: 'planned', sendAt: at(H) }]);
  eq('oldest first, reports mine, returns theirs, fired reminders system, planned ones not yet',
    t.map((e) => `${e.side}:${e.kind}`), ['system:event', 'system:reminder', 'mine:report', 'theirs:event']);
  const units = [{ unitId: 5, name: '市发展和改革委员会', extension: { requestedAt: at(-2 * H), milestones: [{ date: '2026-06-05', description: '完成方案' }] } }];
  const o = thread(
    [{ id: 3, at: at(-30 * M), type: 'returned', reason: 'x' }, { id: 4, at: at(-2 * H), type: 'extension_requested', unitId: 5, data: { milestones: 1 } },
      { id: 5, at: at(-5 * H), type: 'extension_requested', unitId: 5, data: { milestones: 2 } }],
    [{ id: 7, unitId: 5, submittedAt: at(-H), text: 'r' }], [], { viewer: 'office', units });
  eq('for the sponsor office the other way round: the unit\'s report theirs, named by its unit, the return its own',
    o.map((e) => `${e.side}:${e.kind}:${e.unitName ?? ''}`), ['system:event:', 'system:event:', 'theirs:report:市发展和改革委员会', 'mine:event:']);
  eq('an extension request carries the milestones of the unit\'s request, a former one none (only its count)',
    [o[1].milestones, o[0].milestones], [[{ date: '2026-06-05', description: '完成方案' }], null]);

  // the sponsor's review (R30): who, and which report, as the server has it
  const sponsor = { role: 'sponsor', unitId: 2 };
  const reviewed = { status: 'active', sponsorUnitId: 2, units: [{ unitId: 5, status: 'reported' }, { unitId: 6, status: 'returned' }, { unitId: 7, status: 'reported' }] };
  const sent = [{ id: 1, unitId: 5, status: 'returned' }, { id: 2, unitId: 5, status: 'submitted' }, { id: 3, unitId: 5, status: 'submitted' },
    { id: 4, unitId: 6, status: 'submitted' }, { id: 5, unitId: 7, status: 'accepted' }];
  eq('the sponsor office reviews each reported unit\'s latest submitted report, none of a unit not waiting',
    [...awaitingReview(sponsor, reviewed, sent)], [[3, 5]]);
  eq('only the item\'s own sponsor office reviews',
    [reviews(sponsor, reviewed), reviews({ role: 'sponsor', unitId: 3 }, reviewed), reviews({ role: 'liaison', unitId: 2 }, reviewed), reviews(null, reviewed)],
    [true, false, false, false]);
  eq('nothing waits on an item that is not active, nor for someone else',
    [awaitingReview(sponsor, { ...reviewed, status: 'completion_requested' }, sent).size, awaitingReview({ role: 'leader', unitId: 2 }, reviewed, sent).size], [0, 0]);
  eq('a reason is required, and trimmed', [returnReason('  '), returnReason(' 请补充照片 ')], [{ ok: false, error: 'empty' }, { ok: true, reason: '请补充照片' }]);
  eq('a reason counts characters as the server does, up to 2000',
    [returnReason('理'.repeat(REASON_MAX)).ok, returnReason('理'.repeat(REASON_MAX + 1)).error, length('𠀀'), returnReason('𠀀'.repeat(REASON_MAX)).ok], [true, 'tooLong', 1, true]);

  // milestones of an extension (R32)
  eq('an empty row is no milestone; the others go trimmed, in the server\'s shape',
    milestones([{ date: '', description: ' ' }, { date: '2026-12-10', description: ' 完成验收 ' }]), { milestones: [{ date: '2026-12-10', description: '完成验收' }], errors: [] });
  eq('a half-filled row says what it lacks, and nothing goes',
    milestones([{ date: '2026-12-10', description: '' }, { date: '', description: '验收' }, { date: '2026-02-30', description: '验收' }]),
    { milestones: [], errors: [{ index: 0, field: 'description', error: 'empty' }, { index: 1, field: 'date', error: 'empty' }, { index: 2, field: 'date', error: 'invalid' }] });
  eq('at most 50, each at most 2000 characters',
    [milestones(Array.from({ length: MILESTONES_MAX + 1 }, () => ({ date: '2026-12-10', description: 'x' }))).errors, milestones([{ date: '2026-12-10', description: 'x'.repeat(2001) }]).errors[0].error],
    [[{ index: 50, field: 'count', error: 'tooMany' }], 'tooLong']);
  eq('real dates only', [isDate('2026-12-31'), isDate('2026-13-01'), isDate('2026-1-5'), isDate('2028-02-29'), isDate('2027-02-29')], [true, false, false, true, false]);

  // a chosen date in words, Beijing time whatever the phone's zone
  eq('a moment in Chinese', readableMoment('2026-12-15T20:34:00Z'), '2026年12月16日 星期三 04:34（北京时间）');
  eq('a moment in English', readableMoment('2026-12-15T20:34:00Z', 'en'), 'Wednesday 16 December 2026, 04:34 (Beijing time)');
  eq('no moment, no words', [readableMoment(''), readableMoment(null), readableDate('2026-02-30'), readableDate('')], ['', '', '', '']);
  eq('a date', [readableDate('2026-12-10'), readableDate('2026-12-10', 'en')], ['2026年12月10日 星期四', 'Thursday 10 December 2026']);
  eq('how much later', [laterBy('2026-12-09T04:34:00Z', '2026-12-16T04:34:00Z'), laterBy('2026-12-09T04:34:00Z', '2026-12-09T07:40:00Z'), laterBy('2026-12-09T04:34:00Z', '2026-12-09T04:34:00Z'),
    laterBy('2026-12-09T04:34:50.5Z', '2026-12-16T04:34:00Z')],
    [{ days: 7, hours: 0 }, { days: 0, hours: 3 }, null, { days: 7, hours: 0 }]);
  eq('photos show as pictures, other files and HEIC do not',
    ['image/jpeg', 'image/png', 'IMAGE/WEBP', 'image/heic', 'application/pdf', undefined].map(showsAsPicture), [true, true, true, false, false, false]);

  // unread and the read mark
  eq('the newest event of a thread, whatever the order', newestEventId([{ id: 7 }, { id: 12 }, { id: 9 }]), 12);
  eq('no events, no newest', newestEventId([]), null);
  const shown = [{ id: 3, actorId: 10 }, { id: 5, actorId: 7 }, { id: 8, actorId: 7 }];
  eq('a first opening marks up to the newest event', markTarget(shown, undefined, 7), 8);
  eq('someone else\'s event after the mark sent: marked again, up to the newest', markTarget([...shown, { id: 9, actorId: 10 }], 8, 7), 9);
  eq('the same events again: nothing to send', markTarget(shown, 8, 7), null);
  eq('only my own events since: they never count, nothing to send', markTarget([...shown, { id: 9, actorId: 7 }], 8, 7), null);
  eq('a system event counts', markTarget([...shown, { id: 9, actorId: null }], 8, 7), 9);
  eq('nothing shown, nothing to mark', markTarget([], undefined, 7), null);
  const rows = [{ id: 1, unread: 3 }, { id: 2, unread: 0 }];
  eq('a mark answer sets its row', listWithUnread(rows, 1, 0), [{ id: 1, unread: 0 }, { id: 2, unread: 0 }]);
  eq('the other rows stay as they were', listWithUnread(rows, 1, 0)[1] === rows[1], true);
  eq('a row not listed changes nothing', listWithUnread(rows, 9, 0) === rows, true);
  eq('an unchanged count keeps the list', listWithUnread(rows, 2, 0) === rows, true);
  eq('a later mark answer wins over an earlier one that came late', [answerIsNewer(12, undefined), answerIsNewer(12, 12), answerIsNewer(11, 12)], [true, true, false]);
  eq('a live item message carries its unread count into the row', rowFromItem({ id: 1, units: [], unread: 2 }, null, { unread: 0 }).unread, 2);
  eq('a message without one keeps the row\'s', rowFromItem({ id: 1, units: [] }, null, { unread: 3 }).unread, 3);

  // pull to refresh
  eq('nothing until the finger moves down', [pullDistance(0), pullDistance(-40), pullDistance(NaN)], [0, 0, 0]);
  eq('the indicator follows at half the speed', pullDistance(60), 30);
  eq('and stops at its maximum', pullDistance(1000), PULL_MAX);
  eq('pulling, then armed at the threshold', [pullPhase(PULL_THRESHOLD - 1, false), pullPhase(PULL_THRESHOLD, false)], ['pulling', 'armed']);
  eq('idle at rest; reading whatever the finger does while a read is under way', [pullPhase(0, false), pullPhase(PULL_MAX, true)], ['idle', 'reading']);
  eq('letting go armed refreshes; short of it does not', [releaseRefreshes(PULL_THRESHOLD, false), releaseRefreshes(PULL_THRESHOLD - 1, false)], [true, false]);
  eq('no second read while one is under way', releaseRefreshes(PULL_MAX, true), false);
  eq('a reminder sent says its kinds in words', [reminderKinds(['before_deadline', 'urge']), reminderKinds(['urge'], 'en')],
    ['到期前提醒、逾期催办', 'overdue urge']);

  // the link of a reminder SMS (/m#code)
  eq('a link carries its code after the #', linkCode('/m', '#AbCd-_0123456789'), 'AbCd-_0123456789');
  eq('only on /m', linkCode('/', '#AbCd-_0123456789'), null);
  eq('a code of another length is none', [linkCode('/m', '#short'), linkCode('/m', '#AbCd-_01234567890')], [null, null]);
  eq('nor one with other characters', linkCode('/m', '#AbCd+/0123456789'), null);
  eq('the app route is no code', linkCode('/m', '#/items/12'), null);
  eq('/m always leaves the address bar, the app does not', [isLinkLocation('/m'), isLinkLocation('/')], [true, false]);
  eq('six digits, spaces allowed', [oneTimeCode('123 456'), oneTimeCode('012345'), oneTimeCode('12345'), oneTimeCode('12345a')], ['123456', '012345', null, null]);
  eq('a new session opens its item', linkOutcome(200, { session: 'new', itemId: 7, accessToken: 'x' }).kind, 'signed-in');
  eq('with the tokens to take', linkOutcome(200, { session: 'new', itemId: 7, accessToken: 'x' }).tokens.accessToken, 'x');
  eq('signed in already', linkOutcome(200, { session: 'kept', itemId: 7 }), { kind: 'kept', itemId: 7 });
  eq('a code was sent', linkOutcome(202, { otp: 'sent', sentTo: '138****0008', expiresIn: 600, itemId: 7 }),
    { kind: 'otp', sentTo: '138****0008', expiresIn: 600, fresh: true, itemId: 7 });
  eq('a code sent before and still valid', linkOutcome(202, { otp: 'pending', sentTo: '138****0008', expiresIn: 420 }).fresh, false);
  eq('a spent link names its item for after the sign-in', linkOutcome(401, { type: '/problems/link-unusable', itemId: 7 }), { kind: 'refused', itemId: 7 });
  eq('an unknown one names none', linkOutcome(401, { type: '/problems/link-unusable' }), { kind: 'refused', itemId: null });
  eq('a wrong code says how many tries are left', linkOutcome(401, { type: '/problems/otp-wrong', attemptsLeft: 3 }), { kind: 'otp-wrong', attemptsLeft: 3 });
  eq('an expired code', linkOutcome(401, { type: '/problems/otp-expired', itemId: 7 }), { kind: 'otp-expired' });
  eq('too many tries say how long to wait', linkOutcome(429, { retryAfterSeconds: 12 }), { kind: 'limited', seconds: 12 });
  eq('no answer is the network', linkOutcome(null), { kind: 'network' });
  eq('anything else is refused', linkOutcome(503, null), { kind: 'refused', itemId: null });
  eq('the item as the app routes it', itemLocation(12), '/#/items/12');
  // the live socket (logic/live.js)
  eq('reconnects after 1 s, 2 s, 4 s, at most 30 s', [0, 1, 2, 5, 9].map(live.reconnectDelay), [1000, 2000, 4000, 30000, 30000]);
  eq('open is anything not closed', [live.matchesFilters({ status: 'active' }, { status: 'open' }), live.matchesFilters({ status: 'closed' }, { status: 'open' })], [true, false]);
  eq('the board filters too', live.matchesFilters({ board: 'key', status: 'active' }, { board: 'daily' }), false);
  const liveItem = {
    id: 9, number: 'ZH1-9', title: '积水点', board: 'daily', status: 'active', sponsorName: '综合一科', overdue: false, keySupervision: false,
    units: [{ unitId: 4, name: '发改委', role: 'lead', status: 'returned', returns: 2, calendar: { status: 'known' } }, { unitId: 5, name: '住建局', role: 'cooperating' }],
  };
  const reminder = { sendAt: at(2 * H), dueAt: at(2 * H), unitId: 4, recipient: 'unit_responsible', kinds: ['before_deadline'], rules: ['R13'], key: 'k' };
  const liveRow = live.rowFromItem(liveItem, { deadline: at(5 * H), phase: 'due_within_24h', nextReminder: reminder });
  eq('a row from an item: my unit\'s returns, the lead, the countdown\'s deadline and next reminder',
    [liveRow.returns, liveRow.leadUnitName, liveRow.nextDeadline, liveRow.nextReminder.key], [2, '发改委', at(5 * H), 'k']);
  eq('a row keeps what the item does not say', live.rowFromItem(liveItem, null, { nextDeadline: at(H), nextReminder: reminder }).nextReminder, reminder);
  eq('a snapshot replaces the list, each row with its next reminder',
    live.listFromSnapshot({ complete: true, items: [{ id: 1, status: 'active', countdown: { deadline: null, phase: 'none', nextReminder: null } }, { id: 2, status: 'closed', countdown: { phase: 'none' } }] }, { status: 'open' }),
    [{ id: 1, status: 'active', nextReminder: null }]);
  eq('an incomplete snapshot asks for the list instead', live.listFromSnapshot({ complete: false, items: [] }, {}), null);
  eq('an item message replaces its row in place', live.listWithItem([{ id: 1 }, { id: 9, title: 'old' }, { id: 3 }], liveItem, null, {}).map((r) => r.title ?? r.id), [1, '积水点', 3]);
  eq('a new item joins the list', live.listWithItem([{ id: 1 }], liveItem, null, {}).map((r) => r.id), [1, 9]);
  eq('an item that no longer matches the filters leaves', live.listWithItem([{ id: 9 }], { ...liveItem, status: 'closed' }, null, { status: 'open' }), []);
  eq('a phase message: overdue, with the deadline and next reminder it names',
    live.rowWithPhase({ id: 9, overdue: false, nextReminder: reminder }, { deadline: at(-H), phase: 'overdue', nextReminder: null }),
    { id: 9, overdue: true, nextReminder: null, nextDeadline: at(-H), keySupervision: false });
  eq('key supervision keeps an overdue row overdue', live.rowWithPhase({ overdue: true }, { deadline: at(-H), phase: 'key_supervision' }).overdue, true);
  eq('the open item turns overdue or key supervised, never back',
    [live.itemWithPhase({ overdue: false }, { phase: 'overdue' }).overdue, live.itemWithPhase({ overdue: true }, { phase: 'before' }).overdue,
      live.itemWithPhase({}, { phase: 'key_supervision' }).keySupervision], [true, true, true]);
  eq('resumed: every row it names takes its countdown now, the others stay',
    live.listWithCountdowns([{ id: 1, overdue: false }, { id: 2, overdue: false }], [{ itemId: 2, countdown: { deadline: at(-H), phase: 'overdue', nextReminder: null } }]).map((r) => r.overdue),
    [false, true]);
  eq('events join the thread once each, in id order', live.withEvents([{ id: 1 }, { id: 3 }], [{ id: 3 }, { id: 2 }]).map((e) => e.id), [1, 2, 3]);
  const known = [{ id: 1 }];
  eq('no new events: the same thread', live.withEvents(known, [{ id: 1 }]) === known, true);
  eq('reports are read again after a report, return or acceptance', [live.touchesReports([{ type: 'returned' }]), live.touchesReports([{ type: 'assigned' }])], [true, false]);
  eq('the server time corrects the clock', live.offsetFromServerTime(at(5000), now), 5000);
  eq('no server time, no correction', [live.offsetFromServerTime(undefined, now), live.offsetFromServerTime('soon', now)], [null, null]);
  // where a reconnect resumes from: the last thing that came, not the highest id (the server sends in commit order)
  eq('an item message: its last event', live.resumePointAfter(50, { type: 'item', events: [{ id: 40 }, { id: 41 }] }), 41);
  eq('a snapshot or resumed: the event it is current to', [live.resumePointAfter(50, { type: 'snapshot', lastEventId: 60 }), live.resumePointAfter(50, { type: 'resumed', lastEventId: 61 })], [60, 61]);
  eq('one naming none, or any other message, leaves it', [live.resumePointAfter(50, { type: 'snapshot', lastEventId: null }), live.resumePointAfter(50, { type: 'pong' }), live.resumePointAfter(50, { type: 'item', events: [] })], [50, 50, 50]);
  eq('the first message resumes when there is a place', [live.authMessage('t', null), live.authMessage('t', 41)], [{ type: 'auth', token: 't' }, { type: 'auth', token: 't', lastEventId: 41 }]);
  eq('a place of 0 is a place', live.authMessage('t', 0), { type: 'auth', token: 't', lastEventId: 0 });
  eq('after a 4401 the socket starts afresh; after any other close it resumes', [4401, 4408, 1001, 1006, 1011].map(live.resumesAfter), [false, true, true, true, true]);
  // a list read through the API keeps each row's next reminder, which only the socket names
  const remembered = live.listKeepingReminders([{ id: 1 }, { id: 2 }, { id: 3, nextReminder: { sendAt: 'c' } }],
    [{ id: 1, nextReminder: { sendAt: 'a' } }, { id: 3, nextReminder: { sendAt: 'b' } }]);
  eq('a re-read list keeps the next reminder the socket named, a new row has none, a row naming its own keeps it',
    remembered.map((r) => r.nextReminder?.sendAt ?? null), ['a', null, 'c']);
  return results;
}
