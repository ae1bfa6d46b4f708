"""Names that are Chinese characters romanised syllable by syllable in Hanyu Pinyin.

GeoNames lists, among a place's alternate names, machine romanisations of its names in other
scripts, in lower case: Paris has *ba li* (巴黎) and Kazan *ka shan* (喀山) beside *barys* and
*pari*. A Chinese exonym is a sound-alike of the place's name, and its pinyin, read back, is
no spelling anyone writes it in: *ba li* is also Bari's Chinese name and folds as *Bali* does.
Such a name is a transliteration like the Chinese name it romanises, not a Latin name of the
place; the index build flags it so and ranking weighs it as one (:func:`is_pinyin_romanisation`).
"""

from __future__ import annotations

# Every syllable of Hanyu Pinyin without tones (ü written as v, as romanisers without the letter do).
_TABLE = """
a ai an ang ao
ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu
ca cai can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua
chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo
da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo
e ei en eng er
fa fan fang fei fen feng fo fou fu
ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo
ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo
ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun
ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo
la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lue
lun luo lv lve
ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu
na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nue
nun nuo nv nve
o ou
pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu
qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun
ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo
sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua
shuai shuan shuang shui shun shuo si song sou su suan sui sun suo
ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo
wa wai wan wang wei wen weng wo wu
xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun
ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun
za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou
zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo
"""
_SYLLABLES = frozenset(_TABLE.split())


def is_pinyin_romanisation(text: str) -> bool:
    """Tell whether ``text`` is Chinese characters romanised syllable by syllable (*ba li*, *ka shan*).

    That is: in lower case, and two words or more, each a syllable of Hanyu Pinyin. A name
    written as a Latin name is (*Xi'an*, *Bei Jing*, *Ba*) is none.
    """
    if " " not in text or not text.islower():
        return False
    words = text.split(" ")
    return len(words) >= 2 and all(word in _SYLLABLES for word in words)
