// What Kepu says to people, as SMS providers in China require: each message is a template key plus parameters.
// The provider holds an approved copy of each SMS template (its code is configured per provider, decision 011);
// Kepu renders the same template to text for e-mail and for the message log. Texts are short, name the activity
// and its time, and carry the private link.
import type { Language } from '~/utils/i18n'

export type MessageTemplate = {
  /** Parameters the template needs, in the order providers list them. */
  params: readonly string[]
  /** Parameters that hold a private link or code: redacted in the outbox once the message is final. */
  secret?: readonly string[]
  /** E-mail subject and body; the body is also the SMS text (the provider's approved copy says the same). */
  subject: Record<Language, string>
  text: Record<Language, string>
  /** Sent even to someone who declined reminders, and never held back by quiet hours. */
  always?: boolean
}

export const messageTemplates = {
  'phone.code': {
    params: ['code'],
    secret: ['code'],
    always: true,
    subject: { 'zh-CN': '科普地图验证码', en: 'Kepu verification code' },
    text: {
      'zh-CN': '【科普地图】验证码 {code}，10 分钟内有效，请勿告诉他人。',
      en: '[Kepu] Your verification code is {code}, valid for 10 minutes. Do not share it with anyone.',
    },
  },
  // ——— Registrations ———
  // English texts name the place only where it changed: venues have Chinese names, and the link shows the place.
  'registration.confirmed': {
    params: ['title', 'time', 'place', 'code', 'link'],
    secret: ['link'],
    subject: { 'zh-CN': '报名成功：{title}', en: 'Registered: {title}' },
    text: {
      'zh-CN': '【科普地图】已报名「{title}」{time}，{place}。报名码 {code}。查看或取消：{link}',
      en: '[Kepu] Registered: "{title}", {time}. Registration code {code}. View or cancel: {link}',
    },
  },
  'registration.waitlisted': {
    params: ['title', 'time', 'position', 'link'],
    secret: ['link'],
    subject: { 'zh-CN': '候补登记：{title}', en: 'Waiting list: {title}' },
    text: {
      'zh-CN': '【科普地图】「{title}」{time} 已满，您在候补第 {position} 位，有空位时按顺序递补并通知您。查看或取消：{link}',
      en: '[Kepu] "{title}", {time} is full: you are number {position} on the waiting list. We will text you if a place frees up. View or cancel: {link}',
    },
  },
  'registration.promoted': {
    params: ['title', 'time', 'place', 'code', 'link'],
    secret: ['link'],
    subject: { 'zh-CN': '候补成功：{title}', en: 'You have a place: {title}' },
    text: {
      'zh-CN': '【科普地图】候补成功：「{title}」{time}，{place}。报名码 {code}。不能来请取消：{link}',
      en: '[Kepu] A place freed up: you are registered for "{title}", {time}. Registration code {code}. Cannot come? Cancel: {link}',
    },
  },
  'registration.cancelled': {
    params: ['title', 'time', 'link'],
    secret: ['link'],
    subject: { 'zh-CN': '已取消报名：{title}', en: 'Cancelled: {title}' },
    text: {
      'zh-CN': '【科普地图】您已取消「{title}」{time} 的报名。详情：{link}',
      en: '[Kepu] Your registration for "{title}", {time} is cancelled. Details: {link}',
    },
  },
  'registration.cancelled-by-staff': {
    params: ['title', 'time', 'link'],
    secret: ['link'],
    always: true,
    subject: { 'zh-CN': '主办方取消了您的报名：{title}', en: 'The organiser cancelled your registration: {title}' },
    text: {
      'zh-CN': '【科普地图】主办方取消了您「{title}」{time} 的报名，如有疑问请联系主办方。详情：{link}',
      en: '[Kepu] The organiser cancelled your registration for "{title}", {time}. Questions: ask the organiser. Details: {link}',
    },
  },
  'registration.session-cancelled': {
    params: ['title', 'time', 'link'],
    secret: ['link'],
    always: true,
    subject: { 'zh-CN': '场次取消：{title}', en: 'Session cancelled: {title}' },
    text: {
      'zh-CN': '【科普地图】抱歉，「{title}」{time} 这一场已取消，您的报名随之取消。详情：{link}',
      en: '[Kepu] Sorry: "{title}", {time} is cancelled, and so is your registration. Details: {link}',
    },
  },
  'registration.event-cancelled': {
    params: ['title', 'time', 'link'],
    secret: ['link'],
    always: true,
    subject: { 'zh-CN': '活动取消：{title}', en: 'Activity cancelled: {title}' },
    text: {
      'zh-CN': '【科普地图】抱歉，活动「{title}」已取消，您 {time} 的报名随之取消。详情：{link}',
      en: '[Kepu] Sorry: the activity "{title}" is cancelled, and so is your registration for {time}. Details: {link}',
    },
  },
  'registration.time-changed': {
    params: ['title', 'time', 'place', 'link'],
    secret: ['link'],
    always: true,
    subject: { 'zh-CN': '时间变更：{title}', en: 'New time: {title}' },
    text: {
      'zh-CN': '【科普地图】「{title}」改到 {time}，{place}。不能来请取消，把名额让给候补：{link}',
      en: '[Kepu] "{title}" moves to {time}. Cannot come? Cancel so someone waiting gets the place: {link}',
    },
  },
  'registration.place-changed': {
    params: ['title', 'time', 'place', 'link'],
    secret: ['link'],
    always: true,
    subject: { 'zh-CN': '地点变更：{title}', en: 'New place: {title}' },
    text: {
      'zh-CN': '【科普地图】「{title}」{time} 改在{place}举行。不能来请取消：{link}',
      en: '[Kepu] "{title}", {time} is now held at {place}. Cannot come? Cancel: {link}',
    },
  },
  'registration.reminder': {
    params: ['title', 'time', 'place', 'code', 'link', 'startsAt'],
    secret: ['link'],
    subject: { 'zh-CN': '活动提醒：{title}', en: 'Reminder: {title}' },
    text: {
      'zh-CN': '【科普地图】提醒：「{title}」{time}，{place}。报名码 {code}。不能来请取消：{link}',
      en: '[Kepu] Reminder: "{title}", {time}. Registration code {code}. Cannot come? Cancel: {link}',
    },
  },

  // ——— School visits and 进校园 (teachers) ———
  'school.received': {
    params: ['title', 'venue', 'time', 'code', 'link'],
    secret: ['link'],
    subject: { 'zh-CN': '已收到预约申请：{venue}', en: 'Request received: {venue}' },
    text: {
      'zh-CN': '【科普地图】{venue}已收到申请「{title}」{time}，预约码 {code}，审核后通知您。查看：{link}',
      en: '[Kepu] {venue} has your request "{title}", {time}, booking code {code}. We will text you the decision. View: {link}',
    },
  },
  'school.approved': {
    params: ['title', 'venue', 'time', 'message', 'link'],
    secret: ['link'],
    subject: { 'zh-CN': '预约已批准：{venue}', en: 'Request approved: {venue}' },
    text: {
      'zh-CN': '【科普地图】{venue}已批准「{title}」{time}。留言：{message}。查看：{link}',
      en: '[Kepu] {venue} approved "{title}", {time}. Message: {message}. View or cancel: {link}',
    },
  },
  'school.declined': {
    params: ['title', 'venue', 'time', 'message', 'link'],
    secret: ['link'],
    subject: { 'zh-CN': '预约未获批准：{venue}', en: 'Request declined: {venue}' },
    text: {
      'zh-CN': '【科普地图】抱歉，{venue}未能安排「{title}」{time}。原因：{message}。详情：{link}',
      en: '[Kepu] Sorry, {venue} cannot take "{title}", {time}. Reason: {message}. Details: {link}',
    },
  },
  'school.cancelled': {
    params: ['title', 'venue', 'time', 'message', 'link'],
    secret: ['link'],
    always: true,
    subject: { 'zh-CN': '预约已被取消：{venue}', en: 'Visit cancelled: {venue}' },
    text: {
      'zh-CN': '【科普地图】抱歉，{venue}取消了「{title}」{time}。原因：{message}。详情：{link}',
      en: '[Kepu] Sorry, {venue} cancelled "{title}", {time}. Reason: {message}. Details: {link}',
    },
  },
  'school.cancelled-by-teacher': {
    params: ['title', 'venue', 'time', 'link'],
    secret: ['link'],
    subject: { 'zh-CN': '您已取消预约：{venue}', en: 'You cancelled: {venue}' },
    text: {
      'zh-CN': '【科普地图】您已取消{venue}「{title}」{time} 的预约。详情：{link}',
      en: '[Kepu] You cancelled "{title}" at {venue}, {time}. Details: {link}',
    },
  },

  // ——— 科普菜单 orders (sites) ———
  'menu.received': {
    params: ['title', 'site', 'code', 'link'],
    secret: ['link'],
    subject: { 'zh-CN': '已收到点单：{title}', en: 'Order received: {title}' },
    text: {
      'zh-CN': '【科普地图】已收到{site}点单「{title}」，订单码 {code}，提供单位定好日期后通知您。查看：{link}',
      en: '[Kepu] Order "{title}" for {site} received, order code {code}. We will text you when the provider sets a date. View: {link}',
    },
  },
  'menu.accepted': {
    params: ['title', 'site', 'time', 'message', 'link'],
    secret: ['link'],
    subject: { 'zh-CN': '点单已确定：{title}', en: 'Order accepted: {title}' },
    text: {
      'zh-CN': '【科普地图】「{title}」已定于 {time} 到{site}。留言：{message}。查看：{link}',
      en: '[Kepu] "{title}" is set for {time} at {site}. Message: {message}. View: {link}',
    },
  },
  'menu.proposed': {
    params: ['title', 'site', 'time', 'message', 'link'],
    secret: ['link'],
    subject: { 'zh-CN': '建议改期：{title}', en: 'Another date proposed: {title}' },
    text: {
      'zh-CN': '【科普地图】提供单位建议「{title}」改在 {time} 到{site}。留言：{message}。接受请点：{link}',
      en: '[Kepu] The provider proposes {time} for "{title}" at {site}. Message: {message}. Accept it here: {link}',
    },
  },
  'menu.declined': {
    params: ['title', 'site', 'message', 'link'],
    secret: ['link'],
    subject: { 'zh-CN': '未能配送：{title}', en: 'Order declined: {title}' },
    text: {
      'zh-CN': '【科普地图】抱歉，「{title}」未能配送到{site}。原因：{message}。详情：{link}',
      en: '[Kepu] Sorry, "{title}" cannot be delivered to {site}. Reason: {message}. Details: {link}',
    },
  },
  'menu.delivered': {
    params: ['title', 'site', 'link'],
    secret: ['link'],
    subject: { 'zh-CN': '已配送：{title}', en: 'Delivered: {title}' },
    text: {
      'zh-CN': '【科普地图】「{title}」已配送到{site}，感谢参与。详情：{link}',
      en: '[Kepu] "{title}" has been delivered at {site}. Thank you. Details: {link}',
    },
  },
  'menu.withdrawn': {
    params: ['title', 'site', 'code'],
    subject: { 'zh-CN': '已撤回点单：{title}', en: 'Order withdrawn: {title}' },
    text: {
      'zh-CN': '【科普地图】{site}已撤回点单「{title}」（订单码 {code}）。',
      en: '[Kepu] {site} withdrew the order "{title}" (order code {code}).',
    },
  },

  // ——— 讲师团: to the lecturer an order is dispatched to (派单), on the account linked to their roster entry ———
  'lecturer.dispatched': {
    params: ['title', 'site', 'link'],
    subject: { 'zh-CN': '新的派单：{title}', en: 'A talk for you: {title}' },
    text: {
      'zh-CN': '【科普地图】{site}点单「{title}」已派给您，请登录讲师页面接单或说明不能接：{link}',
      en: '[Kepu] {site} ordered "{title}" and it has been dispatched to you. Accept or decline on your lecturer page: {link}',
    },
  },

  // ——— Competitions (大赛): to the teacher or parent who registered the team ———
  'competition.registered': {
    params: ['title', 'team', 'time', 'link'],
    subject: { 'zh-CN': '大赛报名成功：{title}', en: 'Team registered: {title}' },
    text: {
      'zh-CN': '【科普地图】「{team}」已报名「{title}」。请在 {time} 前提交作品：{link}',
      en: '[Kepu] Team "{team}" is registered for "{title}". Submit your entry before {time}: {link}',
    },
  },
  'competition.entry-received': {
    params: ['title', 'team', 'version', 'time'],
    subject: { 'zh-CN': '作品已收到：{title}', en: 'Entry received: {title}' },
    text: {
      'zh-CN': '【科普地图】已收到「{team}」参加「{title}」的第 {version} 版作品（{time}）。截止前可再提交新版本。',
      en: '[Kepu] Version {version} of the entry of "{team}" for "{title}" was received ({time}). You may submit a new version until the deadline.',
    },
  },
  'competition.deadline-near': {
    params: ['title', 'team', 'time', 'link'],
    subject: { 'zh-CN': '作品提交即将截止：{title}', en: 'Entries close soon: {title}' },
    text: {
      'zh-CN': '【科普地图】「{title}」作品提交将于 {time} 截止，「{team}」如未提交请抓紧：{link}',
      en: '[Kepu] Entries for "{title}" close at {time}. If "{team}" has not submitted yet, please do: {link}',
    },
  },
  'competition.extended': {
    params: ['title', 'team', 'time', 'message'],
    subject: { 'zh-CN': '提交时间已延长：{title}', en: 'Deadline extended: {title}' },
    text: {
      'zh-CN': '【科普地图】主办方已将「{team}」参加「{title}」的作品提交时间延长至 {time}。原因：{message}。',
      en: '[Kepu] The organiser extended the entry deadline of "{team}" for "{title}" to {time}. Reason: {message}.',
    },
  },
  'competition.deadline-moved': {
    params: ['title', 'step', 'time', 'message'],
    subject: { 'zh-CN': '大赛时间调整：{title}', en: 'Deadline moved: {title}' },
    text: {
      'zh-CN': '【科普地图】「{title}」{step}时间改为 {time}。原因：{message}。大赛页面的时间线有记录。',
      en: '[Kepu] "{title}": {step} is now {time}. Reason: {message}. The competition page shows the change.',
    },
  },
  'competition.published': {
    params: ['title', 'team', 'award', 'link'],
    subject: { 'zh-CN': '大赛结果已发布：{title}', en: 'Results published: {title}' },
    text: {
      'zh-CN': '【科普地图】「{title}」结果已发布：「{team}」{award}。查看结果与证书：{link}',
      en: '[Kepu] Results of "{title}" are out: "{team}": {award}. Results and certificates: {link}',
    },
  },

  'competition.advanced': {
    params: ['title', 'team', 'round', 'link'],
    subject: { 'zh-CN': '晋级{round}：{title}', en: 'Through to the {round}: {title}' },
    text: {
      'zh-CN': '【科普地图】祝贺！「{team}」晋级「{title}」{round}，后续安排请看队伍页：{link}',
      en: '[Kepu] Congratulations: "{team}" goes on to the {round} of "{title}". Next steps on your team page: {link}',
    },
  },
  'competition.not-advanced': {
    params: ['title', 'team', 'round', 'link'],
    subject: { 'zh-CN': '{round}晋级名单已确定：{title}', en: '{round} line-up decided: {title}' },
    text: {
      'zh-CN': '【科普地图】「{title}」{round}晋级名单已确定，「{team}」未能晋级，感谢参与。详情：{link}',
      en: '[Kepu] The line-up for the {round} of "{title}" is decided; "{team}" did not go through. Thank you for taking part. Details: {link}',
    },
  },

  // ——— Staff ———
  'staff.school-request': {
    params: ['venue', 'school', 'title', 'time', 'students', 'link'],
    subject: { 'zh-CN': '新的学校预约申请：{school}', en: 'New school request: {school}' },
    text: {
      'zh-CN': '【科普地图】{school} 申请 {venue}「{title}」，{time}，学生 {students} 人。请审核：{link}',
      en: '[Kepu] {school} requests "{title}" at {venue}, {time}, {students} students. Review: {link}',
    },
  },
  'staff.menu-order': {
    params: ['title', 'site', 'code', 'link'],
    subject: { 'zh-CN': '新的科普菜单点单：{title}', en: 'New menu order: {title}' },
    text: {
      'zh-CN': '【科普地图】{site} 点单「{title}」，订单码 {code}。请处理：{link}',
      en: '[Kepu] {site} ordered "{title}", code {code}. Handle it: {link}',
    },
  },
  'staff.set-password': {
    params: ['name', 'hours', 'link'],
    secret: ['link'],
    always: true,
    subject: { 'zh-CN': '设置科普地图工作人员密码', en: 'Set your Kepu staff password' },
    text: {
      'zh-CN': '{name}，您好：请在 {hours} 小时内打开链接设置科普地图后台密码（仅可使用一次）：{link}',
      en: 'Hello {name}: open this link within {hours} hours to set your Kepu staff password (it works once): {link}',
    },
  },

  // ——— 申请入驻 (a new organisation, decision 040): the contact hears the district's decision by SMS ———
  'org-join.approved': {
    params: ['organisation'],
    always: true,
    subject: { 'zh-CN': '科普地图入驻申请已通过', en: 'Your request to join Kepu was approved' },
    text: {
      'zh-CN': '【科普地图】「{organisation}」的入驻申请已通过。设置后台密码的链接已发到您的邮箱，3 天内有效。',
      en: '[Kepu] The request of {organisation} to join was approved. A link to set your staff password went to your e-mail (valid 3 days).',
    },
  },
  'org-join.declined': {
    params: ['organisation', 'reason'],
    always: true,
    subject: { 'zh-CN': '科普地图入驻申请未通过', en: 'Your request to join Kepu was declined' },
    text: {
      'zh-CN': '【科普地图】「{organisation}」的入驻申请未通过：{reason}',
      en: '[Kepu] The request of {organisation} to join was declined: {reason}',
    },
  },

  'staff.org-join': {
    params: ['organisation', 'district', 'link'],
    subject: { 'zh-CN': '新的单位入驻申请：{organisation}', en: 'New request to join: {organisation}' },
    text: {
      'zh-CN': '【科普地图】「{organisation}」申请入驻{district}，请审核：{link}',
      en: '[Kepu] {organisation} asks to join in {district}. Review: {link}',
    },
  },

  // ——— 科普基地 申报 (bases, e-mail to staff) ———
  'staff.base-application': {
    params: ['venue', 'level', 'state', 'link'],
    subject: { 'zh-CN': '科普基地申报：{venue}', en: 'Science base application: {venue}' },
    text: {
      'zh-CN': '【科普地图】「{venue}」申报{level}：{state}。查看：{link}',
      en: '[Kepu] Application of "{venue}" for {level}: {state}. View: {link}',
    },
  },

  'staff.base-review': {
    params: ['venue', 'year', 'state', 'link'],
    subject: { 'zh-CN': '科普基地年度考核：{venue}', en: 'Science base yearly review: {venue}' },
    text: {
      'zh-CN': '【科普地图】「{venue}」{year} 年度考核：{state}。查看：{link}',
      en: '[Kepu] Yearly review {year} of "{venue}": {state}. View: {link}',
    },
  },

  // ——— 科普志愿者 (volunteers) ———
  'volunteer.accepted': {
    params: ['title', 'time', 'link'],
    subject: { 'zh-CN': '志愿岗位已确认：{title}', en: 'Volunteer role confirmed: {title}' },
    text: {
      'zh-CN': '【科普地图】您已确认担任志愿岗位「{title}」{time}，请按时到岗并出示志愿者码签到。查看或退出：{link}',
      en: '[Kepu] You are confirmed for the volunteer role "{title}", {time}. Show your volunteer code to check in. View or drop: {link}',
    },
  },
  'volunteer.declined': {
    params: ['title', 'time', 'link'],
    subject: { 'zh-CN': '志愿岗位未通过：{title}', en: 'Volunteer application declined: {title}' },
    text: {
      'zh-CN': '【科普地图】很抱歉，您申请的志愿岗位「{title}」{time}未能安排。更多岗位：{link}',
      en: '[Kepu] Sorry, your application for "{title}", {time} was not accepted. More roles: {link}',
    },
  },
  'volunteer.place-opened': {
    params: ['title', 'time', 'link'],
    subject: { 'zh-CN': '志愿岗位有空缺：{title}', en: 'A place opened: {title}' },
    text: {
      'zh-CN': '【科普地图】您申请的志愿岗位「{title}」{time}有人退出，工作人员将尽快审核您的申请。查看：{link}',
      en: '[Kepu] A place opened on "{title}", {time}. Staff will review your application soon. View: {link}',
    },
  },
  'volunteer.reminder': {
    params: ['title', 'time', 'link', 'startsAt'],
    subject: { 'zh-CN': '志愿服务提醒：{title}', en: 'Volunteer reminder: {title}' },
    text: {
      'zh-CN': '【科普地图】提醒：志愿岗位「{title}」{time}，请按时到岗并出示志愿者码签到。不能来请退出：{link}',
      en: '[Kepu] Reminder: volunteer role "{title}", {time}. Show your volunteer code to check in. Cannot come? Drop it: {link}',
    },
  },
  'volunteer.credited': {
    params: ['title', 'hours', 'link'],
    subject: { 'zh-CN': '志愿时长已记录：{title}', en: 'Volunteer hours credited: {title}' },
    text: {
      'zh-CN': '【科普地图】「{title}」已记录志愿服务时长 {hours} 小时，感谢您的付出。查看记录：{link}',
      en: '[Kepu] {hours} volunteer hours credited for "{title}". Thank you. Your record: {link}',
    },
  },
} as const satisfies Record<string, MessageTemplate>

export type TemplateKey = keyof typeof messageTemplates
export type MessageParams = Record<string, string>

export function isTemplateKey(value: string): value is TemplateKey {
  return Object.hasOwn(messageTemplates, value)
}

function fill(pattern: string, params: MessageParams): string {
  return pattern.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '')
}

/** The message as text (e-mail body, SMS text in the log) and its e-mail subject. */
export function renderMessage(key: TemplateKey, language: Language, params: MessageParams): { subject: string; text: string } {
  const template: MessageTemplate = messageTemplates[key]
  return { subject: fill(template.subject[language], params), text: fill(template.text[language], params) }
}
