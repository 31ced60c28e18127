-- English names of the 街镇 (decision 020): Hanyu Pinyin of the name with 镇 as "Town", 街道 as "Subdistrict",
-- 路 as "Road" and 工业区 as "Industrial Zone", as Shanghai's own English signs write them ("Sheshan Town",
-- "Jiangchuan Road Subdistrict"). English pages show them wherever a 街镇 is named. Seeds carry the same names
-- (seeds/districts.ts). A 街镇 not listed here keeps '' and English pages show its Chinese name until it has one.
ALTER TABLE "Town" ADD COLUMN "nameEn" TEXT NOT NULL DEFAULT '';

UPDATE "Town" AS t SET "nameEn" = v.en FROM (VALUES
  ('中山街道', 'Zhongshan Subdistrict'),
  ('岳阳街道', 'Yueyang Subdistrict'),
  ('永丰街道', 'Yongfeng Subdistrict'),
  ('方松街道', 'Fangsong Subdistrict'),
  ('广富林街道', 'Guangfulin Subdistrict'),
  ('九里亭街道', 'Jiuliting Subdistrict'),
  ('佘山镇', 'Sheshan Town'),
  ('九亭镇', 'Jiuting Town'),
  ('泗泾镇', 'Sijing Town'),
  ('洞泾镇', 'Dongjing Town'),
  ('新桥镇', 'Xinqiao Town'),
  ('车墩镇', 'Chedun Town'),
  ('小昆山镇', 'Xiaokunshan Town'),
  ('石湖荡镇', 'Shihudang Town'),
  ('新浜镇', 'Xinbang Town'),
  ('泖港镇', 'Maogang Town'),
  ('叶榭镇', 'Yexie Town'),
  ('夏阳街道', 'Xiayang Subdistrict'),
  ('盈浦街道', 'Yingpu Subdistrict'),
  ('香花桥街道', 'Xianghuaqiao Subdistrict'),
  ('朱家角镇', 'Zhujiajiao Town'),
  ('练塘镇', 'Liantang Town'),
  ('金泽镇', 'Jinze Town'),
  ('赵巷镇', 'Zhaoxiang Town'),
  ('徐泾镇', 'Xujing Town'),
  ('华新镇', 'Huaxin Town'),
  ('重固镇', 'Chonggu Town'),
  ('白鹤镇', 'Baihe Town'),
  ('江川路街道', 'Jiangchuan Road Subdistrict'),
  ('古美路街道', 'Gumei Road Subdistrict'),
  ('新虹街道', 'Xinhong Subdistrict'),
  ('浦锦街道', 'Pujin Subdistrict'),
  ('莘庄镇', 'Xinzhuang Town'),
  ('七宝镇', 'Qibao Town'),
  ('颛桥镇', 'Zhuanqiao Town'),
  ('华漕镇', 'Huacao Town'),
  ('虹桥镇', 'Hongqiao Town'),
  ('梅陇镇', 'Meilong Town'),
  ('吴泾镇', 'Wujing Town'),
  ('马桥镇', 'Maqiao Town'),
  ('浦江镇', 'Pujiang Town'),
  ('莘庄工业区', 'Xinzhuang Industrial Zone')
) AS v(name, en) WHERE t.name = v.name;

-- Keyword search (decision 017) finds an activity by its 街镇's English name too.
CREATE OR REPLACE FUNCTION kepu_event_search_text(e "Event") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT lower(normalize(concat_ws(' ',
    e.title,
    array_to_string(e.topics, ' '),
    e."placeName",
    (SELECT name FROM "ProgrammeBrand" WHERE id = e."brandId"),
    (SELECT name FROM "Venue" WHERE id = e."venueId"),
    (SELECT name FROM "Organisation" WHERE id = e."organisationId"),
    (SELECT concat_ws(' ', name, "nameEn") FROM "Town" WHERE id = COALESCE((SELECT "townId" FROM "Venue" WHERE id = e."venueId"), e."townId")),
    (SELECT concat_ws(' ', name, "nameEn") FROM "District" WHERE id = e."districtId"),
    e.summary
  ), NFKC))
$$;

DROP TRIGGER town_search_text ON "Town";
CREATE TRIGGER town_search_text AFTER UPDATE OF name, "nameEn" ON "Town"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD."nameEn" IS DISTINCT FROM NEW."nameEn")
  EXECUTE FUNCTION kepu_search_text_town_renamed();

UPDATE "Event" SET "searchText" = "searchText";
