//! Where everything goes in the built site: every output path and address is made here, once.
//!
//! These addresses are public: hospitals print them in QR codes (`<lang>/<slug>/`,
//! `<lang>/<slug>/print/`) and deploy scripts read the file names. Paths are relative to the
//! site root, with `/` separators; a page's path ends with `/` and its file is `index.html`
//! inside it.

/// Every fingerprinted file (stylesheets, scripts, leaflet images): their names change with
/// their content, so everything in it can be cached for a year.
pub const ASSETS_DIR: &str = "assets";
/// The search bundles, one folder per language.
pub const SEARCH_DIR: &str = "search";
/// The file every page's folder holds.
pub const PAGE_FILE: &str = "index.html";
pub const NOT_FOUND: &str = "404.html";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
/// Cache rules for Netlify and Cloudflare Pages.
pub const HEADERS: &str = "_headers";
/// Every file of the site with its size and hash, for deploy scripts.
pub const MANIFEST: &str = "manifest.json";
/// Redirects of leaflets' earlier addresses, in the format Netlify and Cloudflare Pages read.
pub const REDIRECTS: &str = "_redirects";

/// A page of the built site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page<'a> {
    /// The root page that offers each language.
    Home,
    /// Served for any missing address, at any depth.
    NotFound,
    /// A language's list of leaflets by department.
    LanguageIndex { lang: &'a str },
    /// A leaflet in one language.
    Leaflet { lang: &'a str, slug: &'a str },
    /// A leaflet's printable page in one language.
    Print { lang: &'a str, slug: &'a str },
    /// A leaflet's large-print page in one language (at least 16 pt text).
    LargePrint { lang: &'a str, slug: &'a str },
    /// A leaflet's handout in all its languages. It belongs to no single language, so it sits
    /// outside the language folders.
    Handout { slug: &'a str },
}

impl Page<'_> {
    /// The page's address relative to the site root: `en/colonoscopy/` (`""` for the home page).
    pub fn path(&self) -> String {
        match self {
            Page::Home => String::new(),
            Page::NotFound => NOT_FOUND.to_string(),
            Page::LanguageIndex { lang } => format!("{lang}/"),
            Page::Leaflet { lang, slug } => format!("{lang}/{slug}/"),
            Page::Print { lang, slug } => format!("{lang}/{slug}/print/"),
            Page::LargePrint { lang, slug } => format!("{lang}/{slug}/print/large/"),
            Page::Handout { slug } => format!("{slug}/print/bilingual/"),
        }
    }

    /// The file the page is written to: `en/colonoscopy/index.html`.
    pub fn file(&self) -> String {
        match self {
            Page::NotFound => NOT_FOUND.to_string(),
            page => format!("{}{PAGE_FILE}", page.path()),
        }
    }

    /// The leaflet page or print page written to `file` (`en/colonoscopy/index.html`,
    /// `en/colonoscopy/print/index.html`), as a previous build's manifest lists them.
    pub fn leaflet_at(file: &str) -> Option<Page<'_>> {
        let folders: Vec<&str> = file
            .strip_suffix(PAGE_FILE)?
            .split_terminator('/')
            .collect();
        match folders[..] {
            [lang, slug] if ![ASSETS_DIR, SEARCH_DIR].contains(&lang) => {
                Some(Page::Leaflet { lang, slug })
            }
            [lang, slug, "print"] if ![ASSETS_DIR, SEARCH_DIR].contains(&lang) => {
                Some(Page::Print { lang, slug })
            }
            _ => None,
        }
    }

    /// The way from the page back to the site root: `../../` for `en/colonoscopy/`. The 404
    /// page is served at any depth: its links start from the site's path instead
    /// ([`BaseUrl::path`]), so it has none.
    pub fn to_root(&self) -> &'static str {
        match self {
            Page::Home | Page::NotFound => "",
            Page::LanguageIndex { .. } => "../",
            Page::Leaflet { .. } => "../../",
            Page::Print { .. } | Page::Handout { .. } => "../../../",
            Page::LargePrint { .. } => "../../../../",
        }
    }

    /// The address of `target` (a site path) from this page: short when the two share their
    /// first folders, as a leaflet's page, print pages and PDFs link to each other (`print/`,
    /// `../`, `./`, `GAS-0101-en.pdf`, `../../` from the large print back to the page); from
    /// the site root otherwise.
    pub fn href(&self, target: &str) -> String {
        let here = self.path();
        if let Some(rest) = target.strip_prefix(&here) {
            return if rest.is_empty() { "./" } else { rest }.to_string();
        }
        let folders: Vec<&str> = here.split_terminator('/').collect();
        let mut shared = 0;
        let mut rest = target;
        for folder in &folders {
            match rest.strip_prefix(folder).and_then(|r| r.strip_prefix('/')) {
                Some(after) => {
                    shared += 1;
                    rest = after;
                }
                None => break,
            }
        }
        if shared == 0 {
            return format!("{}{target}", self.to_root());
        }
        format!("{}{rest}", "../".repeat(folders.len() - shared))
    }
}

/// A file of `assets/`: `assets/style.3f9a1c2e5b7d.css`.
pub fn asset(name: &str) -> String {
    format!("{ASSETS_DIR}/{name}")
}

/// A language's search bundle folder: `search/en/`.
pub fn search_bundle(lang: &str) -> String {
    format!("{SEARCH_DIR}/{lang}/")
}

/// A file beside a leaflet's page, as links to it are written before the file is fingerprinted
/// into `assets/`: `en/colonoscopy/diagram.svg`.
pub fn leaflet_file(lang: &str, slug: &str, name: &str) -> String {
    format!("{lang}/{slug}/{name}")
}

/// `GAS-0101-en.pdf`: the reference first, so a print room can file PDFs by reference.
pub fn pdf_name(reference: &str, lang: &str) -> String {
    format!("{reference}-{lang}.pdf")
}

/// The PDF of a leaflet's print page, beside its page: `en/colonoscopy/GAS-0101-en.pdf`.
pub fn print_pdf(lang: &str, slug: &str, reference: &str) -> String {
    format!(
        "{}{}",
        Page::Leaflet { lang, slug }.path(),
        pdf_name(reference, lang)
    )
}

/// `GAS-0101-en-large.pdf`: the large-print PDF, filed beside the ordinary one.
pub fn large_print_pdf_name(reference: &str, lang: &str) -> String {
    format!("{reference}-{lang}-large.pdf")
}

/// The PDF of a leaflet's large-print page, beside its page:
/// `en/colonoscopy/GAS-0101-en-large.pdf`.
pub fn large_print_pdf(lang: &str, slug: &str, reference: &str) -> String {
    format!(
        "{}{}",
        Page::Leaflet { lang, slug }.path(),
        large_print_pdf_name(reference, lang)
    )
}

/// The PDF of a leaflet's bilingual handout, in the handout's folder.
pub fn handout_pdf(slug: &str, reference: &str) -> String {
    format!(
        "{}{}",
        Page::Handout { slug }.path(),
        pdf_name(reference, "bilingual")
    )
}

/// What the built site keeps in a top-level folder a leaflet's slug would clash with: a
/// leaflet's bilingual handout goes to `<slug>/print/bilingual/`, beside `assets/`, `search/` and
/// the language folders.
pub fn reserved_folder(slug: &str, languages: &[String]) -> Option<String> {
    if slug == ASSETS_DIR {
        Some("its styles, scripts and images".into())
    } else if slug == SEARCH_DIR {
        Some("the search index".into())
    } else {
        languages
            .iter()
            .any(|lang| lang == slug)
            .then(|| format!("the pages in {slug}"))
    }
}

/// Where the built site will be served from, e.g. `https://cdn.example.org/leaflets/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Always ends with `/`.
    url: String,
    /// The path part, always starting and ending with `/` (`/leaflets/`).
    path: String,
}

impl BaseUrl {
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let parsed = url::Url::parse(text.trim()).map_err(|e| format!("{e}"))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err("expected an absolute http:// or https:// URL".into());
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err("a base URL cannot have a query or fragment".into());
        }
        let mut url = parsed.to_string();
        if !url.ends_with('/') {
            url.push('/');
        }
        let mut path = parsed.path().to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl { url, path })
    }

    /// The absolute URL of a site path such as `en/colonoscopy/` (no leading slash).
    pub fn join(&self, site_path: &str) -> String {
        format!("{}{}", self.url, site_path)
    }

    /// The absolute URL of a page.
    pub fn page(&self, page: Page) -> String {
        self.join(&page.path())
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn as_str(&self) -> &str {
        &self.url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_addresses_are_the_public_ones() {
        let (lang, slug) = ("en", "colonoscopy");
        let cases = [
            (Page::Home, "", "index.html", ""),
            (Page::NotFound, "404.html", "404.html", ""),
            (Page::LanguageIndex { lang }, "en/", "en/index.html", "../"),
            (
                Page::Leaflet { lang, slug },
                "en/colonoscopy/",
                "en/colonoscopy/index.html",
                "../../",
            ),
            (
                Page::Print { lang, slug },
                "en/colonoscopy/print/",
                "en/colonoscopy/print/index.html",
                "../../../",
            ),
            (
                Page::LargePrint { lang, slug },
                "en/colonoscopy/print/large/",
                "en/colonoscopy/print/large/index.html",
                "../../../../",
            ),
            (
                Page::Handout { slug },
                "colonoscopy/print/bilingual/",
                "colonoscopy/print/bilingual/index.html",
                "../../../",
            ),
        ];
        for (page, path, file, to_root) in cases {
            assert_eq!(page.path(), path, "{page:?}");
            assert_eq!(page.file(), file, "{page:?}");
            assert_eq!(page.to_root(), to_root, "{page:?}");
            // The way back climbs exactly the folders of the path.
            let depth = path.matches('/').count();
            if page != Page::NotFound {
                assert_eq!(to_root.len(), depth * 3, "{page:?}");
            }
        }
        assert_eq!(
            print_pdf(lang, slug, "GAS-1"),
            "en/colonoscopy/GAS-1-en.pdf"
        );
        let (page, print) = (Page::Leaflet { lang, slug }, Page::Print { lang, slug });
        let large = Page::LargePrint { lang, slug };
        for page in [page, print] {
            assert_eq!(Page::leaflet_at(&page.file()), Some(page));
        }
        for other in [
            Page::LargePrint { lang, slug }.file(),
            Page::Handout { slug }.file(),
            Page::LanguageIndex { lang }.file(),
            "assets/x/index.html".into(),
            "en/colonoscopy/GAS-1-en.pdf".into(),
        ] {
            assert_eq!(Page::leaflet_at(&other), None, "{other}");
        }
        let pdf = print_pdf(lang, slug, "GAS-1");
        let hrefs = [
            (page, print.path(), "print/"),
            (print, page.path(), "../"),
            (page, page.path(), "./"),
            (print, print.path(), "./"),
            (page, pdf.clone(), "GAS-1-en.pdf"),
            (print, pdf, "../GAS-1-en.pdf"),
            (
                page,
                Page::Handout { slug }.path(),
                "../../colonoscopy/print/bilingual/",
            ),
            (
                print,
                "zh/colonoscopy/print/".into(),
                "../../../zh/colonoscopy/print/",
            ),
            (page, large.path(), "print/large/"),
            (large, page.path(), "../../"),
            (large, print.path(), "../"),
            (
                large,
                large_print_pdf(lang, slug, "GAS-1"),
                "../../GAS-1-en-large.pdf",
            ),
            (large, "en/gastroscopy/".into(), "../../../gastroscopy/"),
        ];
        for (from, target, href) in hrefs {
            assert_eq!(from.href(&target), href, "{from:?} to {target}");
        }
        assert_eq!(
            handout_pdf(slug, "GAS-1"),
            "colonoscopy/print/bilingual/GAS-1-bilingual.pdf"
        );
    }

    #[test]
    fn slugs_that_clash_with_the_sites_own_folders_are_reserved() {
        let languages = vec!["en".to_string(), "zh".to_string()];
        for taken in ["assets", "search", "en", "zh"] {
            assert!(reserved_folder(taken, &languages).is_some(), "{taken}");
        }
        for free in ["colonoscopy", "assets-tour", "fr", "print"] {
            assert_eq!(reserved_folder(free, &languages), None, "{free}");
        }
    }

    #[test]
    fn base_url_keeps_its_path_and_gains_a_slash() {
        let url = BaseUrl::parse("https://cdn.example.org/leaflets").unwrap();
        assert_eq!(url.as_str(), "https://cdn.example.org/leaflets/");
        assert_eq!(url.path(), "/leaflets/");
        assert_eq!(url.join("en/a/"), "https://cdn.example.org/leaflets/en/a/");
    }

    #[test]
    fn base_url_must_be_absolute_http() {
        assert!(BaseUrl::parse("/leaflets/").is_err());
        assert!(BaseUrl::parse("ftp://x.org/").is_err());
    }
}
