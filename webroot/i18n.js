// The app's words, Chinese first. t(key, params) in the current language.
const WORDS = {
  zh: {
    appName: '督办',
    lang: 'English',
    langLabel: 'Switch to English',
    signInTitle: '联络员登录',
    signInHint: '用单位分配的账号登录，查看本单位的督办事项并在手机上反馈。',
    login: '账号',
    password: '密码',
    signIn: '登录',
    signingIn: '正在登录…',
    wrongPassword: '账号或密码不正确，或账号已停用。',
    locked: '登录失败次数过多，账号已锁定，请 {time} 后再试。',
    network: '连不上服务器，请检查网络后重试。',
    failed: '出错了：{detail}',
    signOut: '退出',
    myItems: '我的事项',
    refresh: '刷新',
    refreshing: '正在刷新…',
    board: '板块',
    state: '状态',
    all: '全部',
    open: '未办结',
    boards: { daily: '日常督办', key: '重点任务', continuous: '持续跟踪' },
    statuses: { draft: '待审批', active: '办理中', completion_requested: '申请办结', graded: '已评定', grade_approved: '评定已审', sign_off_requested: '待销号', sign_off_checked: '销号已核', closed: '已办结' },
    lights: { red: '红灯', yellow: '黄灯', green: '绿灯', none: '已办结' },
    returned: '被退回',
    keySupervision: '重点督办',
    noDeadline: '无时限',
    emptyTitle: '暂时没有事项',
    emptyBody: '督办科交办给本单位的事项会出现在这里，最紧急的排在最前。交办时会有短信通知。',
    loadFailed: '事项没有加载出来：{detail}',
    back: '返回',
    number: '编号',
    node: '时间节点',
    nodes: { '1d': '1 天', '3d': '3 天', '7d': '7 天', '1m': '1 个月' },
    deadline: '时限',
    lead: '牵头单位',
    cooperating: '配合单位',
    sponsor: '督办科室',
    thread: '办理过程',
    composerLabel: '反馈内容',
    composerHint: '写下本单位的办理进展…',
    send: '发送反馈',
    sending: '正在发送…',
    waiting: '等待发送（联网后自动发出）',
    refused: '未能发送：{detail}',
    discard: '放弃',
    offline: '当前离线，反馈会先保存在手机上。',
    updateReady: '新版本已就绪。',
    reload: '立即更新',
    you: '本单位',
    system: '系统',
    rule: '依据 {rule}',
    events: {
      registered: '立项', approved: '审批通过', assigned: '交办', reported: '反馈', returned: '退回',
      accepted: '反馈通过', extension_requested: '申请延期', extension_granted: '同意延期', extension_refused: '不同意延期',
      deadline_moved: '时限调整', completion_requested: '申请办结', graded: '评定等次', grade_approved: '等次审核通过',
      sign_off_requested: '申请销号', sign_off_checked: '销号核查', closed: '办结销号', key_supervision: '列为重点督办',
      reopened: '重新办理', verification_started: '开始核验', verification_passed: '核验通过', verification_failed: '核验未通过',
      service_object_agreed: '服务对象认可', service_object_disagreed: '服务对象不认可', recheck_passed: '复查通过',
    },
    reason: '理由：{reason}',
    reminderSent: '已发出提醒',
    reminderKinds: '{kinds}',
    grades: { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' },
    reportOnTime: '按时',
    reportLate: '超时',
    reportStates: { submitted: '待审核', accepted: '已通过', returned: '被退回' },
    notFound: '没有这个事项，或您无权查看。',
    loading: '正在加载…',
  },
  en: {
    appName: 'Duban',
    lang: '中文',
    langLabel: '切换到中文',
    signInTitle: 'Liaison sign-in',
    signInHint: "Sign in with your unit's account to see your items and report from your phone.",
    login: 'Login',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    wrongPassword: 'The login or password is wrong, or the account is disabled.',
    locked: 'Too many failed sign-ins: the account is locked. Try again in {time}.',
    network: 'Cannot reach the server. Check the network and try again.',
    failed: 'Something went wrong: {detail}',
    signOut: 'Sign out',
    myItems: 'My items',
    refresh: 'Refresh',
    refreshing: 'Refreshing…',
    board: 'Board',
    state: 'State',
    all: 'All',
    open: 'Open',
    boards: { daily: 'Daily', key: 'Key tasks', continuous: 'Follow-up' },
    statuses: { draft: 'Draft', active: 'In progress', completion_requested: 'Completion asked', graded: 'Graded', grade_approved: 'Grade approved', sign_off_requested: 'Sign-off asked', sign_off_checked: 'Sign-off checked', closed: 'Closed' },
    lights: { red: 'Red', yellow: 'Yellow', green: 'Green', none: 'Closed' },
    returned: 'Returned',
    keySupervision: 'Key supervision',
    noDeadline: 'No deadline',
    emptyTitle: 'No items yet',
    emptyBody: 'Items assigned to your unit appear here, the most urgent first. You get an SMS when one is assigned.',
    loadFailed: 'The items did not load: {detail}',
    back: 'Back',
    number: 'Number',
    node: 'Time node',
    nodes: { '1d': '1 day', '3d': '3 days', '7d': '7 days', '1m': '1 month' },
    deadline: 'Deadline',
    lead: 'Lead unit',
    cooperating: 'Cooperating',
    sponsor: 'Sponsor',
    thread: 'Timeline',
    composerLabel: 'Report',
    composerHint: "Write your unit's progress…",
    send: 'Send report',
    sending: 'Sending…',
    waiting: 'Waiting to send (goes when back online)',
    refused: 'Not sent: {detail}',
    discard: 'Discard',
    offline: 'Offline: reports are kept on the phone until it is back.',
    updateReady: 'A new version is ready.',
    reload: 'Update now',
    you: 'Your unit',
    system: 'System',
    rule: 'Rule {rule}',
    events: {
      registered: 'Registered', approved: 'Approved', assigned: 'Assigned', reported: 'Reported', returned: 'Returned',
      accepted: 'Report accepted', extension_requested: 'Extension asked', extension_granted: 'Extension granted', extension_refused: 'Extension refused',
      deadline_moved: 'Deadline moved', completion_requested: 'Completion asked', graded: 'Graded', grade_approved: 'Grade approved',
      sign_off_requested: 'Sign-off asked', sign_off_checked: 'Sign-off checked', closed: 'Closed', key_supervision: 'Put under key supervision',
      reopened: 'Reopened', verification_started: 'Verification started', verification_passed: 'Verification passed', verification_failed: 'Verification failed',
      service_object_agreed: 'Service object agreed', service_object_disagreed: 'Service object disagreed', recheck_passed: 'Recheck passed',
    },
    reason: 'Reason: {reason}',
    reminderSent: 'Reminder sent',
    reminderKinds: '{kinds}',
    grades: { excellent: 'Excellent', good: 'Good', pass: 'Pass', fail: 'Fail' },
    reportOnTime: 'on time',
    reportLate: 'late',
    reportStates: { submitted: 'Awaiting review', accepted: 'Accepted', returned: 'Returned' },
    notFound: 'No such item, or you may not see it.',
    loading: 'Loading…',
  },
};

let current = localStorage.getItem('duban.lang') === 'en' ? 'en' : 'zh';

export function lang() {
  return current;
}

export function setLang(next) {
  current = next === 'en' ? 'en' : 'zh';
  localStorage.setItem('duban.lang', current);
  document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
}

/** A word, or a group (t('boards').daily), with {name} filled from params. */
export function t(key, params = {}) {
  const value = WORDS[current][key] ?? WORDS.zh[key] ?? key;
  if (typeof value !== 'string') return value;
  return value.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}

/** A span of seconds in words, for the lock-out ("9 分 30 秒" / "9 min 30 s"). */
export function duration(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (current === 'en') return m > 0 ? `${m} min${s ? ` ${s} s` : ''}` : `${s} s`;
  return m > 0 ? `${m} 分${s ? ` ${s} 秒` : '钟'}` : `${s} 秒`;
}
