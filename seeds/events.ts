// Example activities built from the programmes the plans name, so a fresh portal has something to show
// and book. Dates are relative (`day` counts from the Monday of the week the database is first seeded);
// every one is marked as an example on the site.
import type { EventSeed } from './schema'

const childAge = { key: 'childAge', label: '孩子年龄', kind: 'number' as const, required: true }
const grade = { key: 'grade', label: '孩子年级', kind: 'choice' as const, required: true, options: ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '初中'] }

export const eventSeeds: EventSeed[] = [
  // 松江区
  {
    slug: 'sj-dr-pang-science-show', title: '胖博士科普秀：会跳舞的静电', category: 'SCIENCE_SHOW', district: '松江区',
    venue: 'songjiang-science-museum', organisation: 'songjiang-science-museum-org', brand: 'dr-pang-science-show',
    summary: '区科技馆的科学秀，用静电、气压和光把课本里的原理“演”出来。', description: '适合亲子一同观看。演出约45分钟，结束后可在基础馆参观。请提前15分钟到场签到。',
    topics: ['物理', '科学实验'], audienceMinAge: 6, audienceMaxAge: 12, audienceNote: '6–12岁儿童及家长', maxPartySize: 3, questions: [childAge],
    sessions: [
      { key: 'sat-am', day: 5, start: '10:00', end: '10:45', capacity: 80 },
      { key: 'sat-pm', day: 5, start: '14:00', end: '14:45', capacity: 80 },
      { key: 'next-sat', day: 12, start: '10:00', end: '10:45', capacity: 80 },
    ],
    source: 'plan 001 §五(十五) "胖博士科普秀"',
  },
  {
    slug: 'sj-products-as-exhibits-3', title: '“产品变展品”主题展3.0：脑科学与人工智能', category: 'EXHIBITION', district: '松江区',
    venue: 'songjiang-science-museum', organisation: 'songjiang-science-museum-org', brand: 'products-as-exhibits',
    summary: '松江企业的新产品走进科技馆，脑科学与人工智能展区同步开放。', description: '展览分时段预约入场，每场限流。讲解员每场带领导览20分钟。',
    topics: ['人工智能', '脑科学', '先进制造'], audienceMinAge: 8, audienceNote: '8岁以上', maxPartySize: 4,
    sessions: [
      { key: 'd2-am', day: 2, start: '09:30', end: '11:30', capacity: 120 },
      { key: 'd3-am', day: 3, start: '09:30', end: '11:30', capacity: 120 },
      { key: 'd6-pm', day: 6, start: '13:30', end: '15:30', capacity: 150 },
    ],
    source: 'plan 000 §五(十四) "产品变展品"临展; plan 001 §五(十五) 主题展3.0与脑科学与人工智能展区',
  },
  {
    slug: 'sj-sheshan-astronomy-night', title: '佘山天文夜：百年天文台里看星星', category: 'OPEN_DAY', district: '松江区',
    venue: 'shanghai-astronomy-museum', brand: 'science-month',
    summary: '在上海天文博物馆参观百年望远镜，天气晴好时开展星空观测。', description: '阴雨天改为馆内天文讲座。山顶夜间气温低，请注意保暖。',
    topics: ['天文'], audienceMinAge: 8, maxPartySize: 4, questions: [childAge],
    sessions: [{ key: 'fri-night', day: 11, start: '18:30', end: '20:30', capacity: 40 }],
    source: 'plan 000 §五(十四) "科普月"; venue from shared/data/venues-researched.json',
  },
  {
    slug: 'sj-masters-classroom-brain', title: '大师课堂：大脑是怎样学习的', category: 'LECTURE', district: '松江区',
    venue: 'songjiang-youth-centre', brand: 'masters-classroom',
    summary: '脑科学研究者面向中小学生的讲座与问答。', description: '讲座60分钟，问答30分钟。馆校合作项目，个人亦可报名。',
    topics: ['脑科学', '学习方法'], audienceMinAge: 10, audienceMaxAge: 15, maxPartySize: 2, questions: [grade],
    sessions: [{ key: 'sun', day: 13, start: '14:00', end: '15:30', capacity: 200 }],
    source: 'plan 000 §五(十五) "大师课堂"',
  },
  {
    slug: 'sj-community-academy-health', title: '健康科普进书院：冬季慢病防护', category: 'LECTURE', district: '松江区',
    venue: 'zhongshan-xingfuli-academy', brand: 'health-science',
    summary: '社区医生讲解冬季高血压、糖尿病的日常管理，现场测血压。', description: '适合中老年居民。书院一楼活动室，无台阶。',
    topics: ['健康', '医学'], audienceMinAge: 50, audienceNote: '中老年居民', maxPartySize: 2,
    sessions: [
      { key: 'wed', day: 2, start: '09:30', end: '10:30', capacity: 40 },
      { key: 'wed-2', day: 9, start: '09:30', end: '10:30', capacity: 40 },
    ],
    source: 'plan 001 §五(十四) "健康科普"与"社区书院"',
  },
  // 青浦区
  {
    slug: 'qp-ai-programming', title: 'AI编程入门：让小车自己找路', category: 'COURSE', district: '青浦区',
    venue: 'qingpu-science-culture-centre', organisation: 'qingpu-sta', brand: 'ai-programming',
    summary: '区科技馆的AI编程体验课，用图形化编程训练小车识别路线。', description: '每场两人一组使用一台设备。无需编程基础。',
    topics: ['人工智能', '编程'], audienceMinAge: 9, audienceMaxAge: 14, maxPartySize: 2, questions: [grade],
    sessions: [
      { key: 'sat', day: 5, start: '09:30', end: '11:00', capacity: 24 },
      { key: 'sun', day: 6, start: '09:30', end: '11:00', capacity: 24 },
      { key: 'sat-2', day: 12, start: '09:30', end: '11:00', capacity: 24 },
    ],
    source: 'plan 003 2024 一(四) "区科技馆累计开展AI编程等线下科普活动330场"',
  },
  {
    slug: 'qp-science-to-countryside-rice', title: '科技下乡：稻田里的新技术', category: 'OPEN_DAY', district: '青浦区',
    venue: 'jinze-hongxiang-rice-cooperative', organisation: 'qingpu-sta', brand: 'science-to-countryside',
    summary: '农技专家现场讲解水稻良种与智能农机，参观合作社。', description: '户外活动，请穿防滑鞋。',
    topics: ['农业科技'], audienceNote: '村民及亲子家庭', maxPartySize: 4,
    sessions: [{ key: 'thu', day: 10, start: '09:00', end: '11:00', capacity: 60 }],
    source: 'plan 003 2024 一(四) "科技下乡"; venue from shared/data/venues-researched.json',
  },
  {
    slug: 'qp-community-science-university', title: '社区科普大学：智能手机防诈骗', category: 'COURSE', district: '青浦区',
    venue: 'xiayang-lake-community', organisation: 'qingpu-sta', brand: 'community-science-university',
    summary: '手把手教老年朋友识别诈骗短信和电话，设置手机安全功能。', description: '请带上自己的智能手机。',
    topics: ['数字素养', '安全'], audienceMinAge: 55, audienceNote: '老年居民', maxPartySize: 2,
    sessions: [
      { key: 'tue', day: 8, start: '14:00', end: '15:30', capacity: 30 },
      { key: 'tue-2', day: 15, start: '14:00', end: '15:30', capacity: 30 },
    ],
    source: 'plan 003 2024 一(四), 2025 三(三) "社区科普大学"',
  },
  {
    slug: 'qp-loquat-garden-study', title: '枇杷园里的植物课', category: 'STUDY_TOUR', district: '青浦区',
    venue: 'xiayang-loquat-garden-base', brand: 'qingpu-science-festival',
    summary: '在科普教育基地认识枇杷的一年：嫁接、开花与病虫害防治。', description: '亲子研学，约2小时，含动手嫁接体验。',
    topics: ['植物', '农业科技'], audienceMinAge: 6, audienceMaxAge: 12, maxPartySize: 3, questions: [childAge],
    sessions: [{ key: 'sun', day: 13, start: '09:00', end: '11:00', capacity: 30 }],
    source: 'plan 003 2024 一(四) 科普基地与青浦科技节; venue from shared/data/venues-researched.json',
  },
  {
    slug: 'qp-oriental-land-youth-challenge', title: '青吴嘉青少年创新技能挑战赛·体验日', category: 'COMPETITION', district: '青浦区',
    venue: 'oriental-land', brand: 'qwj-youth-innovation-challenge',
    summary: '挑战赛项目公开体验：桥梁承重、纸飞机留空和机器人搬运。', description: '面向青浦、吴江、嘉善三地青少年，可现场了解参赛方式。',
    topics: ['工程', '机器人'], audienceMinAge: 10, audienceMaxAge: 16, maxPartySize: 3, questions: [grade],
    sessions: [{ key: 'sat', day: 19, start: '09:00', end: '16:00', capacity: 300 }],
    source: 'plan 003 2024 一(四) "青少年创新技能挑战赛"',
  },
  // 闵行区
  {
    slug: 'mh-micro-fairy-tales', title: '微童话：科学家讲给孩子的故事', category: 'READING', district: '闵行区',
    venue: 'xinzhuang-kangcheng-academy', organisation: 'minhang-stc', brand: 'micro-fairy-tales',
    summary: '社区科普书院的亲子科普阅读会，讲述和表演科学微童话。', description: '约60分钟，结束后孩子可以创作自己的微童话。',
    topics: ['科普阅读'], audienceMinAge: 4, audienceMaxAge: 9, maxPartySize: 3, questions: [childAge],
    sessions: [
      { key: 'sat', day: 5, start: '15:00', end: '16:00', capacity: 25 },
      { key: 'sat-2', day: 12, start: '15:00', end: '16:00', capacity: 25 },
    ],
    source: 'plan 004 二(四) "微童话、科学秀、科普阅读"; venue from shared/data/venues-researched.json',
  },
  {
    slug: 'mh-earthquake-drill', title: '防震减灾体验：地震来了怎么办', category: 'HANDS_ON', district: '闵行区',
    venue: 'minhang-earthquake-hall', organisation: 'minhang-stc', brand: 'science-day',
    summary: '在防震减灾科普馆体验地震模拟平台，学习避险与自救。', description: '含地震模拟体验，心脏病患者请勿参加体验环节。',
    topics: ['防灾减灾', '地球科学'], audienceMinAge: 7, maxPartySize: 4,
    sessions: [
      { key: 'wed', day: 9, start: '14:00', end: '15:30', capacity: 35 },
      { key: 'sat', day: 12, start: '10:00', end: '11:30', capacity: 35 },
    ],
    source: 'plan 004 二(四) 科技节、科普日; venue from shared/data/venues-researched.json',
  },
  {
    slug: 'mh-science-show-gumei', title: '科学秀：空气炮与液氮云', category: 'SCIENCE_SHOW', district: '闵行区',
    venue: 'gumei-science-park', organisation: 'minhang-stc', brand: 'minhang-science-show',
    summary: '古美科普公园的户外科学秀。', description: '户外演出，雨天取消。无需门票，报名可保留前排座位。',
    topics: ['物理', '化学'], audienceMinAge: 5, maxPartySize: 4,
    sessions: [{ key: 'sun', day: 6, start: '10:00', end: '10:40', capacity: 100 }],
    source: 'plan 004 二(四) "科学秀"',
  },
  {
    slug: 'mh-lab-open-day-space', title: '实验室开放日：走近空间推进', category: 'OPEN_DAY', district: '闵行区',
    venue: 'shanghai-space-propulsion-institute', organisation: 'minhang-stc', brand: 'shanghai-science-festival',
    summary: '科研院所向公众开放，了解卫星和飞船的“发动机”。', description: '须携带身份证件入场；园区内请勿拍照。',
    topics: ['航天', '工程'], audienceMinAge: 12, maxPartySize: 2,
    sessions: [{ key: 'sat', day: 19, start: '09:30', end: '11:30', capacity: 40 }],
    source: 'plan 004 二(四) 与科研院所联合开展科普主题活动; venue from shared/data/venues-researched.json',
  },
  {
    slug: 'mh-dalinghao-bay-salon', title: '大零号湾科技沙龙：机器人会取代谁', category: 'SALON', district: '闵行区',
    venue: 'dalinghao-bay-library', organisation: 'minhang-stc', brand: 'science-reading',
    summary: '科创企业工程师与市民聊机器人和就业。', description: '沙龙约90分钟，含自由交流。',
    topics: ['人工智能', '机器人'], audienceMinAge: 16, maxPartySize: 2,
    sessions: [{ key: 'thu', day: 3, start: '19:00', end: '20:30', capacity: 50 }],
    source: 'plan 004 二(四) 聚焦"大零号湾"建设开展科普主题活动',
  },
]
