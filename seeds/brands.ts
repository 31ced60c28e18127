// Programme brands and series named in the plans; facts and verification from
// shared/data/programmes-researched.json where public sources exist.
import type { BrandSeed } from './schema'

const researched = 'shared/data/programmes-researched.json'

export const brandSeeds: BrandSeed[] = [
  { slug: 'national-science-week', name: '全国科技活动周', scope: 'NATIONAL', description: '每年5月第三周前后举行的全国科技活动周，上海与上海科技节同期举办。', verification: 'verified', source: `${researched} (上海科技节); plan 001 §五(十四) "全国科技周"` },
  { slug: 'shanghai-science-festival', name: '上海科技节', scope: 'MUNICIPAL', description: '全国科技活动周暨上海科技节，各区设分会场或区级科技节，一般在5月下半月举行。', verification: 'verified', source: `${researched} (上海科技节 2018–2024); plan 001 §五(十四)` },
  { slug: 'science-day', name: '全国科普日', scope: 'NATIONAL', description: '每年9月举行的全国科普日，上海市与各区举办启动仪式和社区活动。', verification: 'verified', source: `${researched} (全国科普日); plan 003 2024 一(四); plan 004 二(四)` },
  { slug: 'science-month', name: '科普月', scope: 'NATIONAL', description: '全国科普月，集中开展科普活动。', verification: 'verified (2025)', source: `${researched} (全国科普月); plan 000 §五(十四); plan 001 §五(十四)` },
  { slug: 'g60-songjiang-science-festival', name: '长三角G60科创走廊（松江）科技节', scope: 'DISTRICT', district: '松江区', description: '松江区科技节，面向社区、学校、企业和园区配送科普讲座和动手做课程。', verification: 'named in the plans; no public record found', source: `plan 002 回顾(六) and 重点任务(七); ${researched}` },
  { slug: 'qingpu-science-festival', name: '青浦科技节', scope: 'DISTRICT', district: '青浦区', description: '青浦区年度科技节，2024年线上线下参与51万人次（与科普日等合计）。', verification: 'verified', source: `${researched} (青浦科技节); plan 003 2024 一(四)` },
  { slug: 'science-to-countryside', name: '科技下乡', scope: 'MUNICIPAL', description: '文化科技卫生“三下乡”中的科技惠农活动，送科技到村居。', verification: 'verified', source: `${researched} (科技下乡); plan 000 §五(十四); plan 003 2024 一(四)` },
  { slug: 'community-science-university', name: '社区科普大学', scope: 'MUNICIPAL', description: '向基层配送专业科普讲座、特色科普互动课程。', verification: 'named in the plans; no public record found', source: `plan 002 回顾(六); plan 003 2024 一(四), 2025 三(三); ${researched}` },
  { slug: 'science-express', name: '惠民科普直通车', scope: 'MUNICIPAL', description: '面向社区书院等基层阵地配送的科普直通车项目。', verification: 'partly verified', source: `${researched} (惠民科普直通车); plan 001 §五(十四); plan 003 2024 一(四)` },
  { slug: 'science-is-interesting', name: '科学有点意思', scope: 'MUNICIPAL', description: '导入松江的优质科普品牌项目。', verification: 'named in the plans', source: 'plan 001 §五(十四)' },
  { slug: 'shuguang-yicai', name: '曙光溢彩', scope: 'MUNICIPAL', description: '导入松江的优质科普品牌项目。', verification: 'named in the plans', source: 'plan 001 §五(十四)' },
  { slug: 'health-science', name: '健康科普', scope: 'MUNICIPAL', description: '健康主题科普品牌项目。', verification: 'named in the plans', source: 'plan 001 §五(十四)' },
  { slug: 'masters-classroom', name: '大师课堂', scope: 'DISTRICT', district: '松江区', description: '面向青少年的名师、科学家讲堂，推进馆校合作。', verification: 'named in the plans', source: 'plan 000 §五(十五)' },
  { slug: 'dr-pang-science-show', name: '胖博士科普秀', scope: 'DISTRICT', district: '松江区', description: '松江区科技馆面向青少年的科学秀。', verification: 'named in the plans; no public record found', source: `plan 001 §五(十五); ${researched}` },
  { slug: 'study-courses', name: '研学课程', scope: 'DISTRICT', district: '松江区', description: '科技场馆面向学校的研学课程（馆校合作）。', verification: 'named in the plans', source: 'plan 001 §五(十五)' },
  { slug: 'venues-into-schools', name: '科技场馆进校园', scope: 'DISTRICT', district: '松江区', description: '科技场馆把展品和课程送进校园。', verification: 'named in the plans', source: 'plan 001 §五(十五)' },
  { slug: 'youth-science-performance', name: '青少年科学表演大赛', scope: 'DISTRICT', district: '松江区', description: '青少年科学表演赛事。', verification: 'named in the plans', source: 'plan 001 §五(十五)' },
  { slug: 'qwj-youth-innovation-challenge', name: '青少年创新技能挑战赛（青吴嘉）', scope: 'REGIONAL', district: '青浦区', description: '面向青浦、吴江、嘉善三地青少年的创新技能挑战赛。', verification: 'named in the plans', source: 'plan 003 2024 一(四)' },
  { slug: 'enterprise-open-day', name: '企业开放日', scope: 'DISTRICT', district: '松江区', description: '围绕院士专家工作站成果，企业、实验室向公众开放。', verification: 'named in the plans', source: 'plan 001 §五(十四)' },
  { slug: 'science-salon', name: '科技沙龙', scope: 'DISTRICT', district: '松江区', description: '科研人员与公众面对面的科技沙龙。', verification: 'named in the plans', source: 'plan 001 §五(十四)' },
  { slug: 'products-as-exhibits', name: '“产品变展品”主题展', scope: 'DISTRICT', district: '松江区', description: '松江区科技馆把本地企业产品变成展品的主题展（2026年3.0升级）。', verification: 'named in the plans', source: 'plan 000 §五(十四); plan 001 §五(十五)' },
  { slug: 'one-hour-science-circle', name: '江浙沪一小时科普圈', scope: 'REGIONAL', district: '松江区', description: '江浙沪科技馆联合科普活动，松江站由区科技馆承办。', verification: 'named in the plans; no public record found', source: `plan 000 §五(十五); plan 001 §五(十五); ${researched}` },
  { slug: 'micro-fairy-tales', name: '微童话', scope: 'DISTRICT', district: '闵行区', description: '闵行区特色科普品牌活动。', verification: 'named in the plans', source: 'plan 004 二(四)' },
  { slug: 'minhang-science-show', name: '科学秀', scope: 'DISTRICT', district: '闵行区', description: '闵行区特色科普品牌活动。', verification: 'named in the plans', source: 'plan 004 二(四)' },
  { slug: 'science-reading', name: '科普阅读', scope: 'DISTRICT', district: '闵行区', description: '闵行区特色科普品牌活动。', verification: 'named in the plans', source: 'plan 004 二(四)' },
  { slug: 'qwj-science-passport', name: '示范区科普护照（青吴嘉）', scope: 'REGIONAL', district: '青浦区', description: '长三角生态绿色一体化发展示范区科普护照，23家科普基地入选，2024年印发1万册。', verification: 'named in the plans; no public record found', source: `plan 003 2024 一(四); ${researched}` },
  { slug: 'ai-programming', name: 'AI编程', scope: 'DISTRICT', district: '青浦区', description: '青浦区科技馆的AI编程等线下科普课程，2024年330场、1.5万人次。', verification: 'named in the plans', source: 'plan 003 2024 一(四)' },
]
