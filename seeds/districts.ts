// Shanghai's 16 districts (codes and names as in seeds/shanghai-districts.geojson, from GS(2024)0650号);
// the portal serves Songjiang, Qingpu and Minhang first. Towns (街镇) of those three, each with a point
// near its centre: approximate (WGS-84), checked to lie inside the district's outline when seeded.
import type { DistrictSeed } from './schema'

const outline = 'seeds/shanghai-districts.geojson (GS(2024)0650号, via shared/data)'
const towns = 'town points: approximate centres, checked against the district outline'

export const districtSeeds: DistrictSeed[] = [
  {
    code: 310117, name: '松江区', slug: 'songjiang', nameEn: 'Songjiang', active: true,
    source: `${outline}; plans 000/001 (松江区科委2025/2026年工作要点) §五; 002 (十四五规划); ${towns}`,
    towns: [
      { name: '中山街道', kind: 'STREET', lat: 31.005, lng: 121.245 },
      { name: '岳阳街道', kind: 'STREET', lat: 31.012, lng: 121.222 },
      { name: '永丰街道', kind: 'STREET', lat: 31.018, lng: 121.195 },
      { name: '方松街道', kind: 'STREET', lat: 31.035, lng: 121.225 },
      { name: '广富林街道', kind: 'STREET', lat: 31.058, lng: 121.205 },
      { name: '九里亭街道', kind: 'STREET', lat: 31.132, lng: 121.302 },
      { name: '佘山镇', kind: 'TOWN', lat: 31.097, lng: 121.19 },
      { name: '九亭镇', kind: 'TOWN', lat: 31.122, lng: 121.325 },
      { name: '泗泾镇', kind: 'TOWN', lat: 31.118, lng: 121.265 },
      { name: '洞泾镇', kind: 'TOWN', lat: 31.085, lng: 121.26 },
      { name: '新桥镇', kind: 'TOWN', lat: 31.065, lng: 121.32 },
      { name: '车墩镇', kind: 'TOWN', lat: 30.995, lng: 121.31 },
      { name: '小昆山镇', kind: 'TOWN', lat: 31.03, lng: 121.14 },
      { name: '石湖荡镇', kind: 'TOWN', lat: 30.975, lng: 121.15 },
      { name: '新浜镇', kind: 'TOWN', lat: 30.93, lng: 121.09 },
      { name: '泖港镇', kind: 'TOWN', lat: 30.958, lng: 121.215 },
      { name: '叶榭镇', kind: 'TOWN', lat: 30.945, lng: 121.3 },
    ],
  },
  {
    code: 310118, name: '青浦区', slug: 'qingpu', nameEn: 'Qingpu', active: true,
    source: `${outline}; plan 003 (青浦区科委、科协2024年总结和2025年计划); ${towns}`,
    towns: [
      { name: '夏阳街道', kind: 'STREET', lat: 31.148, lng: 121.115 },
      { name: '盈浦街道', kind: 'STREET', lat: 31.165, lng: 121.095 },
      { name: '香花桥街道', kind: 'STREET', lat: 31.195, lng: 121.11 },
      { name: '朱家角镇', kind: 'TOWN', lat: 31.11, lng: 121.05 },
      { name: '练塘镇', kind: 'TOWN', lat: 31.01, lng: 121.04 },
      { name: '金泽镇', kind: 'TOWN', lat: 31.04, lng: 120.93 },
      { name: '赵巷镇', kind: 'TOWN', lat: 31.158, lng: 121.19 },
      { name: '徐泾镇', kind: 'TOWN', lat: 31.18, lng: 121.265 },
      { name: '华新镇', kind: 'TOWN', lat: 31.23, lng: 121.21 },
      { name: '重固镇', kind: 'TOWN', lat: 31.2, lng: 121.165 },
      { name: '白鹤镇', kind: 'TOWN', lat: 31.245, lng: 121.11 },
    ],
  },
  {
    code: 310112, name: '闵行区', slug: 'minhang', nameEn: 'Minhang', active: true,
    source: `${outline}; plan 004 (闵行区科委2023年工作要点) 二(四); ${towns}`,
    towns: [
      { name: '江川路街道', kind: 'STREET', lat: 31.015, lng: 121.4 },
      { name: '古美路街道', kind: 'STREET', lat: 31.148, lng: 121.405 },
      { name: '新虹街道', kind: 'STREET', lat: 31.2, lng: 121.325 },
      { name: '浦锦街道', kind: 'STREET', lat: 31.085, lng: 121.495 },
      { name: '莘庄镇', kind: 'TOWN', lat: 31.11, lng: 121.375 },
      { name: '七宝镇', kind: 'TOWN', lat: 31.158, lng: 121.35 },
      { name: '颛桥镇', kind: 'TOWN', lat: 31.06, lng: 121.41 },
      { name: '华漕镇', kind: 'TOWN', lat: 31.225, lng: 121.29 },
      { name: '虹桥镇', kind: 'TOWN', lat: 31.18, lng: 121.39 },
      { name: '梅陇镇', kind: 'TOWN', lat: 31.12, lng: 121.43 },
      { name: '吴泾镇', kind: 'TOWN', lat: 31.05, lng: 121.46 },
      { name: '马桥镇', kind: 'TOWN', lat: 31.03, lng: 121.36 },
      { name: '浦江镇', kind: 'TOWN', lat: 31.07, lng: 121.52 },
      { name: '莘庄工业区', kind: 'INDUSTRIAL_ZONE', lat: 31.075, lng: 121.372 },
    ],
  },
  ...(
    [
      [310101, '黄浦区', 'huangpu', 'Huangpu'], [310104, '徐汇区', 'xuhui', 'Xuhui'],
      [310105, '长宁区', 'changning', 'Changning'], [310106, '静安区', 'jingan', "Jing'an"],
      [310107, '普陀区', 'putuo', 'Putuo'], [310109, '虹口区', 'hongkou', 'Hongkou'],
      [310110, '杨浦区', 'yangpu', 'Yangpu'], [310113, '宝山区', 'baoshan', 'Baoshan'],
      [310114, '嘉定区', 'jiading', 'Jiading'], [310115, '浦东新区', 'pudong', 'Pudong'],
      [310116, '金山区', 'jinshan', 'Jinshan'], [310120, '奉贤区', 'fengxian', 'Fengxian'],
      [310151, '崇明区', 'chongming', 'Chongming'],
    ] as const
  ).map(([code, name, slug, nameEn]) => ({
    code, name, slug, nameEn, active: false, towns: [], source: outline,
  })),
]
