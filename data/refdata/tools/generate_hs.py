#!/usr/bin/env python3
"""Generate hs_sections.csv, hs_chapters.csv and hs2022_headings.csv (run once by hand).

English titles: datasets/harmonized-system (PDDL 1.0), snapshot 905e5a0, HS 2022, as copied to
shared/reference/hs/. HS2017 differs at chapter/section level only in chapters 15, 16, 24 and
sections III, IV (HS2022 amendments: microbial fats, insects, nicotine products); those HS2017
texts are written here from the HS2017 nomenclature [mem]. Chinese titles: written here from the
Chinese customs tariff (《中华人民共和国进出口税则》) chapter and section titles [mem]; check
against the tariff when available.
Usage: python3 generate_hs.py /work/shared/reference/hs
"""
import csv
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference/hs"

SECTION_ZH = {
 "I": "活动物；动物产品", "II": "植物产品",
 "III": "动、植物油、脂及其分解产品；精制的食用油脂；动、植物蜡",
 "IV": "食品；饮料、酒及醋；烟草、烟草及烟草代用品的制品", "V": "矿产品",
 "VI": "化学工业及其相关工业的产品", "VII": "塑料及其制品；橡胶及其制品",
 "VIII": "生皮、皮革、毛皮及其制品；鞍具及挽具；旅行用品、手提包及类似容器；动物肠线（蚕胶丝除外）制品",
 "IX": "木及木制品；木炭；软木及软木制品；稻草、秸秆、针茅或其他编结材料制品；篮筐及柳条编结品",
 "X": "木浆及其他纤维状纤维素浆；回收（废碎）纸或纸板；纸、纸板及其制品",
 "XI": "纺织原料及纺织制品",
 "XII": "鞋、帽、伞、杖、鞭及其零件；已加工的羽毛及其制品；人造花；人发制品",
 "XIII": "石料、石膏、水泥、石棉、云母及类似材料的制品；陶瓷产品；玻璃及其制品",
 "XIV": "天然或养殖珍珠、宝石或半宝石、贵金属、包贵金属及其制品；仿首饰；硬币",
 "XV": "贱金属及其制品",
 "XVI": "机器、机械器具、电气设备及其零件；录音机及放声机、电视图像、声音的录制和重放设备及其零件、附件",
 "XVII": "车辆、航空器、船舶及有关运输设备",
 "XVIII": "光学、照相、电影、计量、检验、医疗或外科用仪器及设备、精密仪器及设备；钟表；乐器；上述物品的零件、附件",
 "XIX": "武器、弹药及其零件、附件", "XX": "杂项制品", "XXI": "艺术品、收藏品及古物",
}
SECTION_2022 = {
 "III": ("Animal, vegetable or microbial fats and oils and their cleavage products; prepared edible fats; "
         "animal or vegetable waxes", "动、植物或微生物油、脂及其分解产品；精制的食用油脂；动、植物蜡"),
 "IV": ("Prepared foodstuffs; beverages, spirits and vinegar; tobacco and manufactured tobacco substitutes; "
        "products, whether or not containing nicotine, intended for inhalation without combustion; other "
        "nicotine containing products intended for the intake of nicotine into the human body",
        "食品；饮料、酒及醋；烟草、烟草及烟草代用品的制品；非经燃烧吸用的产品，不论是否含有尼古丁；"
        "其他供人体摄入尼古丁的含尼古丁的产品"),
}
CHAPTER_ZH = {
 "01": "活动物", "02": "肉及食用杂碎", "03": "鱼、甲壳动物、软体动物及其他水生无脊椎动物",
 "04": "乳品；蛋品；天然蜂蜜；其他食用动物产品", "05": "其他动物产品",
 "06": "活树及其他活植物；鳞茎、根及类似品；插花及装饰用簇叶", "07": "食用蔬菜、根及块茎",
 "08": "食用水果及坚果；甜瓜或柑橘属水果的果皮", "09": "咖啡、茶、马黛茶及调味香料", "10": "谷物",
 "11": "制粉工业产品；麦芽；淀粉；菊粉；面筋",
 "12": "含油子仁及果实；杂项子仁及果实；工业用或药用植物；稻草、秸秆及饲料",
 "13": "虫胶；树胶、树脂及其他植物液、汁", "14": "编结用植物材料；其他植物产品",
 "15": "动、植物或微生物油、脂及其分解产品；精制的食用油脂；动、植物蜡",
 "16": "肉、鱼、甲壳动物、软体动物或其他水生无脊椎动物、昆虫的制品",
 "17": "糖及糖食", "18": "可可及可可制品", "19": "谷物、粮食粉、淀粉或乳的制品；糕饼点心",
 "20": "蔬菜、水果、坚果或植物其他部分的制品", "21": "杂项食品", "22": "饮料、酒及醋",
 "23": "食品工业的残渣及废料；配制的动物饲料",
 "24": "烟草、烟草及烟草代用品的制品；非经燃烧吸用的产品，不论是否含有尼古丁；其他供人体摄入尼古丁的含尼古丁的产品",
 "25": "盐；硫磺；泥土及石料；石膏料、石灰及水泥", "26": "矿砂、矿渣及矿灰",
 "27": "矿物燃料、矿物油及其蒸馏产品；沥青物质；矿物蜡",
 "28": "无机化学品；贵金属、稀土金属、放射性元素及其同位素的有机及无机化合物", "29": "有机化学品",
 "30": "药品", "31": "肥料",
 "32": "鞣料浸膏及染料浸膏；鞣酸及其衍生物；染料、颜料及其他着色料；油漆及清漆；油灰及其他类似胶粘剂；墨水、油墨",
 "33": "精油及香膏；芳香料制品及化妆盥洗品",
 "34": "肥皂、有机表面活性剂、洗涤剂、润滑剂、人造蜡、调制蜡、光洁剂、蜡烛及类似品、塑型用膏、“牙科用蜡”及牙科用熟石膏制剂",
 "35": "蛋白类物质；改性淀粉；胶；酶", "36": "炸药；烟火制品；火柴；引火合金；易燃材料制品",
 "37": "照相及电影用品", "38": "杂项化学产品", "39": "塑料及其制品", "40": "橡胶及其制品",
 "41": "生皮（毛皮除外）及皮革",
 "42": "皮革制品；鞍具及挽具；旅行用品、手提包及类似容器；动物肠线（蚕胶丝除外）制品",
 "43": "毛皮、人造毛皮及其制品", "44": "木及木制品；木炭", "45": "软木及软木制品",
 "46": "稻草、秸秆、针茅或其他编结材料制品；篮筐及柳条编结品",
 "47": "木浆及其他纤维状纤维素浆；回收（废碎）纸或纸板", "48": "纸及纸板；纸浆、纸或纸板制品",
 "49": "书籍、报纸、印刷图画及其他印刷品；手稿、打字稿及设计图纸", "50": "蚕丝",
 "51": "羊毛、动物细毛或粗毛；马毛纱线及其机织物", "52": "棉花", "53": "其他植物纺织纤维；纸纱线及其机织物",
 "54": "化学纤维长丝；化学纤维纺织材料制扁条及类似品", "55": "化学纤维短纤",
 "56": "絮胎、毡呢及无纺织物；特种纱线；线、绳、索、缆及其制品", "57": "地毯及纺织材料的其他铺地制品",
 "58": "特种机织物；簇绒织物；花边；装饰毯；装饰带；刺绣品",
 "59": "浸渍、涂布、包覆或层压的纺织物；工业用纺织制品", "60": "针织物及钩编织物",
 "61": "针织或钩编的服装及衣着附件", "62": "非针织或非钩编的服装及衣着附件",
 "63": "其他纺织制成品；成套物品；旧衣着及旧纺织品；碎织物", "64": "鞋靴、护腿和类似品及其零件",
 "65": "帽类及其零件", "66": "雨伞、阳伞、手杖、鞭子、马鞭及其零件",
 "67": "已加工羽毛、羽绒及其制品；人造花；人发制品",
 "68": "石料、石膏、水泥、石棉、云母及类似材料的制品", "69": "陶瓷产品", "70": "玻璃及其制品",
 "71": "天然或养殖珍珠、宝石或半宝石、贵金属、包贵金属及其制品；仿首饰；硬币",
 "72": "钢铁", "73": "钢铁制品", "74": "铜及其制品", "75": "镍及其制品", "76": "铝及其制品",
 "78": "铅及其制品", "79": "锌及其制品", "80": "锡及其制品", "81": "其他贱金属、金属陶瓷及其制品",
 "82": "贱金属工具、器具、利口器、餐匙、餐叉及其零件", "83": "贱金属杂项制品",
 "84": "核反应堆、锅炉、机器、机械器具及其零件",
 "85": "电机、电气设备及其零件；录音机及放声机、电视图像、声音的录制和重放设备及其零件、附件",
 "86": "铁道及电车道机车、车辆及其零件；铁道及电车道轨道固定装置及其零件、附件；各种机械（包括电动机械）交通信号设备",
 "87": "车辆及其零件、附件，但铁道及电车道车辆除外", "88": "航空器、航天器及其零件", "89": "船舶及浮动结构体",
 "90": "光学、照相、电影、计量、检验、医疗或外科用仪器及设备、精密仪器及设备；上述物品的零件、附件",
 "91": "钟表及其零件", "92": "乐器及其零件、附件", "93": "武器、弹药及其零件、附件",
 "94": "家具；寝具、褥垫、弹簧床垫、软坐垫及类似的填充制品；未列名灯具及照明装置；发光标志、发光铭牌及类似品；活动房屋",
 "95": "玩具、游戏品、运动用品及其零件、附件", "96": "杂项制品", "97": "艺术品、收藏品及古物",
 "99": "未按品种分类的商品",
}
CHAPTER_2017 = {
 "15": ("Animal or vegetable fats and oils and their cleavage products; prepared edible fats; animal or vegetable waxes",
        "动、植物油、脂及其分解产品；精制的食用油脂；动、植物蜡"),
 "16": ("Meat, fish or crustaceans, molluscs or other aquatic invertebrates; preparations thereof",
        "肉、鱼、甲壳动物、软体动物及其他水生无脊椎动物的制品"),
 "24": ("Tobacco and manufactured tobacco substitutes", "烟草、烟草及烟草代用品的制品"),
}

NOTE_SRC = ("# English: datasets/harmonized-system (UN Comtrade H6 short texts, PDDL 1.0, snapshot 905e5a0);\n"
            "# HS2017 texts of the few titles HS2022 amended are from the HS2017 nomenclature [mem].\n"
            "# Chinese: titles of the Chinese customs tariff (进出口税则) [mem]; verify against the tariff.\n"
            "# Produced by data/refdata/tools/generate_hs.py.\n")


def read(path):
    with open(path, encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def main():
    sections = read(f"{SRC}/sections.csv")
    hs = read(f"{SRC}/harmonized-system.csv")
    with open("hs_sections.csv", "w", encoding="utf-8", newline="") as f:
        f.write("# hs_sections.csv: HS sections per edition, English and Chinese titles.\n" + NOTE_SRC)
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["edition", "section", "title_en", "title_zh"])
        for ed in ("HS2017", "HS2022"):
            for s in sections:
                en = s["name"].strip()
                en = en[0].upper() + en[1:]
                zh = SECTION_ZH[s["section"]]
                if ed == "HS2022" and s["section"] in SECTION_2022:
                    en, zh = SECTION_2022[s["section"]]
                w.writerow([ed, s["section"], en, zh])
    chapters = [r for r in hs if r["level"] == "2"]
    with open("hs_chapters.csv", "w", encoding="utf-8", newline="") as f:
        f.write("# hs_chapters.csv: HS chapters per edition with their section, English and Chinese titles.\n"
                "# Chapter 99 is Comtrade's 'not specified' chapter (no section).\n" + NOTE_SRC)
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["edition", "chapter", "section", "title_en", "title_zh"])
        for ed in ("HS2017", "HS2022"):
            for r in chapters:
                en, zh = r["description"], CHAPTER_ZH[r["hscode"]]
                if ed == "HS2017" and r["hscode"] in CHAPTER_2017:
                    en, zh = CHAPTER_2017[r["hscode"]]
                w.writerow([ed, r["hscode"], "" if r["section"] == "TOTAL" else r["section"], en, zh])
    with open("hs2022_headings.csv", "w", encoding="utf-8", newline="") as f:
        f.write("# hs2022_headings.csv: the 4-digit headings of HS 2022 (English short texts).\n"
                "# Source: datasets/harmonized-system data/harmonized-system.csv (PDDL 1.0, snapshot 905e5a0),\n"
                "# level-4 rows, copied unchanged except for the column selection. 9999 is Comtrade's\n"
                "# 'not specified' code. Produced by data/refdata/tools/generate_hs.py.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["heading", "chapter", "section", "title_en"])
        for r in hs:
            if r["level"] == "4":
                w.writerow([r["hscode"], r["parent"], "" if r["section"] == "TOTAL" else r["section"], r["description"]])


if __name__ == "__main__":
    main()
