//! Language codes as the site uses them: which are Chinese, and how pages name them.

/// Is this a Chinese-language file? (Chinese rules apply to `zh`, `zh-Hans`, `zh-CN`…)
pub fn is_chinese(lang: &str) -> bool {
    lang == "zh" || lang.starts_with("zh-")
}

/// Is this an English-language file? (`en`, `en-GB`…)
pub fn is_english(lang: &str) -> bool {
    lang == "en" || lang.starts_with("en-")
}

/// The `lang`/`hreflang` value for a configured language: Chinese is written in Simplified script
/// here, so a bare `zh` becomes `zh-Hans` (what screen readers and search engines expect).
pub fn html_lang(code: &str) -> String {
    if code.eq_ignore_ascii_case("zh") {
        "zh-Hans".to_string()
    } else {
        code.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_marked_as_simplified() {
        assert_eq!(html_lang("zh"), "zh-Hans");
        assert_eq!(html_lang("en"), "en");
    }

    #[test]
    fn chinese_and_english_with_their_regions() {
        assert!(is_chinese("zh") && is_chinese("zh-CN") && !is_chinese("zhx"));
        assert!(is_english("en-GB") && !is_english("es"));
    }
}
