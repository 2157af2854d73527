//! Chinese negation cues. Chinese has no spaces, so every cue is a substring and many words
//! merely contain a negative character (`不适` discomfort, `未来` future, `无菌` sterile,
//! `特别` especially, `戒指` ring): they are listed as not negating, and leftmost-longest
//! matching lets them hide the single characters inside them.

use super::Lexicon;

/// Forbid or stop something.
#[rustfmt::skip]
const PROHIBITIONS: &[&str] = &[
    "请勿", "切勿", "勿", "不要", "请不要", "千万不要", "别", "别再", "禁止", "严禁", "不得",
    "不准", "不许", "不能", "不可", "不可以", "不应", "不应该", "不应当", "不宜", "不该", "禁烟",
    "禁酒",
];

/// Forbid by their meaning; `不要` before them makes a double negation.
const STOPPING: &[&str] = &[
    "避免", "停止", "停用", "停药", "停服", "暂停", "禁食", "禁水", "禁饮",
];

/// After a stopping verb, these make it a noun, not an instruction: `停药时间过长` (stopping
/// for too long), `停药后` (after stopping), `停药期间` (while stopped).
const NOMINAL_AFTER: &[&str] = &[
    "时间", "期间", "期", "的", "后", "前", "日期", "天数", "过长", "太久", "多久",
];

/// Whether the stopping verb at `range` of `text` is used as a noun ([`NOMINAL_AFTER`]).
pub(super) fn is_nominal_use(text: &str, range: &std::ops::Range<usize>) -> bool {
    let after = &text[range.end..];
    NOMINAL_AFTER.iter().any(|word| after.starts_with(word))
}

/// Negations and words of negative meaning.
#[rustfmt::skip]
const NEGATIONS: &[&str] = &[
    "不", "没", "没有", "无", "未", "非", "否", "莫", "免", "毫无", "无法", "无需", "无须", "不必",
    "不用", "不需要", "不需", "不会", "并不", "并非", "毫不", "不一定", "不再", "尚未", "未经",
    "以免", "免得", "以防", "防止", "预防", "防", "谨防", "空腹", "只", "仅", "才", "除了", "除外",
    "以外", "之外", "否则", "不然", "否认", "戒", "忌", "禁忌", "禁", "停", "止", "少", "减少",
    "缺少", "缺乏", "限制", "拒绝", "谢绝", "取消", "难以", "很难", "远离", "取下", "摘下", "脱下",
    "拿掉", "取出", "去掉", "卸下", "卸妆", "去除", "除去", "清除", "代替", "替代", "取代", "改用", "改为",
    "后再", "时再", "以后再", "之后再", "后才", "时才", "关闭", "关掉", "关机",
    // Obligations a prohibition is often rephrased into: "do not crush" → `须整片吞服`,
    // "do not lie flat" → `保持半卧位`. Target-side only in effect: an error that flips a
    // prohibition rarely adds `必须`.
    "须", "必须", "务必", "保持", "一直", "始终", "不要紧", "不止", "干燥", "留在", "不适合", "不适用", "不适宜",
    "不可能",
];

/// Contain a negative character without negating, or are positive instructions worded with a
/// negation (`别忘了`), or A-not-A questions (`能不能`).
#[rustfmt::skip]
const NOT_NEGATIONS: &[&str] = &[
    "不适", "不良", "不舒服", "不久", "不断", "不停", "不仅", "不但", "不过", "不同", "无论",
    "不论", "不管", "不得不", "不少", "不妨", "不错", "不禁", "不安", "不便", "不明", "不规则",
    "不稳", "不清", "不全", "不足", "不孕", "不育", "不畅", "不振", "不佳", "不正常", "不均",
    "不平", "不一", "不等", "差不多", "不知不觉", "不由自主", "不可避免", "不可或缺", "未来",
    "未成年", "无菌", "无痛", "无创", "无害", "无色", "无味", "无糖", "无关", "无数", "无名指",
    "非常", "非处方", "非甾体", "是否", "免费", "免疫", "特别", "分别", "区别", "别人", "别的",
    "别处", "告别", "识别", "类别", "个别", "级别", "性别", "辨别", "鉴别", "差别", "别针", "戒指",
    "停车", "停车场", "停留", "截止", "莫名", "少量", "少数", "多少", "只要", "刚才", "人才",
    "方才", "切除", "除颤", "能不能", "可不可以", "是不是", "要不要", "会不会", "有没有", "好不好",
    "对不对", "用不用", "需不需要",
    // Positive instructions and reassurance worded with a negation.
    "别忘", "不要忘", "请勿忘", "勿忘", "请不要忘", "不要犹豫", "别犹豫", "请不要犹豫", "不用担心",
    "不必担心", "无需担心", "无须担心", "不要担心", "别担心", "请勿担心", "请不要担心", "不用害怕",
    "不要害怕", "别害怕", "不要紧张", "别紧张", "不要惊慌", "别慌", "请勿惊慌", "不要慌",
    // `如` and `若` are conditions only on their own.
    "例如", "比如", "如何", "如下", "如此", "诸如", "正如", "如同", "譬如", "如厕", "若干",
];

/// Quantity limits, translated "no more than", "up to", "at least".
#[rustfmt::skip]
const LIMITS: &[&str] = &[
    "不超过", "不超出", "不多于", "不少于", "不低于", "不高于", "不大于", "不小于", "不迟于",
    "不晚于", "不得超过", "最多", "至多", "最少", "至少", "最迟", "上限",
];

/// After a prohibition in the same clause, these make it a limit: `请勿服用超过 8 片`.
#[rustfmt::skip]
const LIMIT_WORDS: &[&str] = &[
    "超过", "超出", "多于", "高于", "大于", "以上", "长于", "少于", "低于",
];

/// Before a negation in the same clause, these make it a condition: `如果您不能前来`.
#[rustfmt::skip]
const CONDITIONALS: &[&str] = &[
    "如果", "若", "假如", "倘若", "要是", "万一", "一旦", "如", "如若", "若是",
];

/// Conditions that are negations themselves.
const NEGATIVE_CONDITIONALS: &[&str] = &["除非"];

/// Verbs whose negation says something positive: "do not worry", "don't forget to bring",
/// "do not throw it away" (keep it), "don't miss your appointment" (come to it).
const POSITIVE_WHEN_NEGATED: &[&str] = &[
    "担心", "害怕", "紧张", "惊慌", "慌", "忘", "忘记", "犹豫", "错过", "扔掉", "丢掉", "丢弃",
    "扔",
];

/// The negations that make the verbs above positive.
const NEGATORS: &[&str] = &[
    "不要",
    "请不要",
    "请勿",
    "勿",
    "别",
    "请别",
    "千万不要",
    "千万别",
    "不用",
    "不必",
    "无需",
    "无须",
];

pub(super) const LEXICON: Lexicon = Lexicon {
    not_negations: NOT_NEGATIONS,
    limits: LIMITS,
    limit_words: LIMIT_WORDS,
    conditionals: CONDITIONALS,
    negative_conditionals: NEGATIVE_CONDITIONALS,
    prohibitions: PROHIBITIONS,
    stopping: STOPPING,
    negations: NEGATIONS,
    negators: NEGATORS,
    positive_when_negated: POSITIVE_WHEN_NEGATED,
    joiner: "",
};
