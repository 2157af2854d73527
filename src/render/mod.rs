//! Rendering a checked site into output files: pages in every language, print pages,
//! bilingual handouts, the language indexes, the sitemap, the 404 page, stylesheets and the
//! leaflets' images.
//!
//! [`Pages`] renders; the pipeline in `lib.rs` decides what and when. A leaflet's pages are
//! made from its bodies as [`body::RenderedBody`], each written to HTML once and copied for
//! each page.

pub mod body;
pub mod moved;
pub mod pdf_job;
pub mod print;
pub mod qr;
pub mod templates;

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::layout::{self, Page};
use crate::model::frontmatter::Source;
use crate::model::i18n::Localizer;
use crate::model::language::html_lang;
use crate::model::{Leaflet, Site, Translation};
use crate::output::{OutputFile, Sink, cdn};
use crate::text::escape;
use crate::text::markdown::TocEntry;
use body::RenderedBody;
use print::{Footer, FooterSize};
use templates::Templates;

/// What pages are rendered with: the site, its messages and templates.
pub struct Pages<'a> {
    pub site: &'a Site,
    pub localizer: &'a Localizer,
    pub templates: &'a Templates,
    /// Whether PDFs are made, so pages link to them.
    pub pdf: bool,
}

impl Pages<'_> {
    /// The files that belong to no single leaflet: home, 404, language indexes, assets,
    /// sitemap, robots.txt and the cache rules.
    pub fn site_files(&self, sink: &Sink) -> Result<(), Diagnostic> {
        let site = self.site;
        sink(OutputFile::new(Page::Home.file(), self.home()?))?;
        sink(OutputFile::new(Page::NotFound.file(), self.not_found()?))?;
        for lang in &site.config.languages {
            sink(OutputFile::new(
                Page::LanguageIndex { lang }.file(),
                self.language_index(lang)?,
            ))?;
        }
        for (name, bytes) in &self.templates.assets {
            sink(OutputFile::new(layout::asset(name), bytes.clone()))?;
        }
        sink(OutputFile::new(layout::SITEMAP, sitemap(site)))?;
        if let Some(redirects) = moved::redirects_file(site) {
            sink(OutputFile::new(layout::REDIRECTS, redirects))?;
        }
        sink(OutputFile::new(
            layout::ROBOTS,
            cdn::robots(&site.config.base_url),
        ))?;
        sink(OutputFile::new(
            layout::HEADERS,
            cdn::headers(
                &site.config.base_url,
                &site.config.languages,
                &[
                    &Page::Home.file(),
                    layout::NOT_FOUND,
                    layout::SITEMAP,
                    layout::ROBOTS,
                    layout::MANIFEST,
                ],
            ),
        ))
    }

    /// A leaflet's pages in every language, its print pages, bilingual handout and files.
    /// `bodies` are its translations' bodies, in the same order.
    pub fn leaflet_files(
        &self,
        leaflet: &Leaflet,
        bodies: &mut [RenderedBody],
        sink: &Sink,
    ) -> Result<(), Diagnostic> {
        self.alias_files(leaflet, sink)?;
        if leaflet.is_withdrawn() {
            return self.withdrawn_files(leaflet, sink);
        }
        let mut written = std::collections::BTreeSet::new();
        let mut named = BTreeMap::new();
        for body in bodies.iter_mut() {
            for asset in body.fingerprint_assets(&self.site.root, &mut named)? {
                if written.insert(asset.path.clone()) {
                    sink(OutputFile::new(asset.path, asset.bytes))?;
                }
            }
        }
        let bodies: BTreeMap<&str, &RenderedBody> = leaflet
            .translations
            .iter()
            .map(|t| t.lang.as_str())
            .zip(bodies.iter())
            .collect();
        let slug = leaflet.slug.as_str();
        // One QR code per language, shared by the print page and the bilingual handout:
        // choosing a QR code's mask is the most expensive step of rendering a leaflet.
        let mut qr_codes = BTreeMap::new();
        for translation in leaflet.published() {
            let lang = translation.lang.as_str();
            let url = self.site.config.base_url.page(Page::Leaflet { lang, slug });
            qr_codes.insert(lang, self.qr_code(lang, &url));
        }
        for translation in leaflet.published() {
            let lang = translation.lang.as_str();
            let body = bodies[lang];
            let qr_code = qr_codes[lang].as_str();
            for (page, kind) in [
                (Page::Leaflet { lang, slug }, Kind::Online),
                (Page::Print { lang, slug }, Kind::Print(qr_code)),
                (Page::LargePrint { lang, slug }, Kind::LargePrint(qr_code)),
            ] {
                sink(OutputFile::new(
                    page.file(),
                    self.leaflet(leaflet, translation, body, kind)?,
                ))?;
            }
        }
        if has_handout(leaflet) {
            sink(OutputFile::new(
                Page::Handout { slug }.file(),
                self.bilingual(leaflet, &bodies, &qr_codes)?,
            ))?;
        }
        Ok(())
    }
}

/// The page of the same kind as `page` (a leaflet page, print page or large print) in `lang`.
fn same_kind<'a>(page: Page<'a>, lang: &'a str) -> Page<'a> {
    match page {
        Page::Print { slug, .. } => Page::Print { lang, slug },
        Page::LargePrint { slug, .. } => Page::LargePrint { lang, slug },
        Page::Leaflet { slug, .. } => Page::Leaflet { lang, slug },
        other => other,
    }
}

/// A published translation's leaflet page.
fn leaflet_page<'a>(translation: &'a Translation, leaflet: &'a Leaflet) -> Page<'a> {
    Page::Leaflet {
        lang: &translation.lang,
        slug: &leaflet.slug,
    }
}

/// Whether a leaflet gets a bilingual handout: when it is published in two or more languages
/// (and not withdrawn).
fn has_handout(leaflet: &Leaflet) -> bool {
    leaflet.listed().count() >= 2
}

/// A language as page chrome shows it.
#[derive(Serialize)]
struct LanguageLink {
    code: String,
    html_lang: String,
    /// The language's name in itself ("简体中文").
    self_name: String,
    href: String,
}

/// The hospital, as a page in one language shows it.
#[derive(Serialize)]
struct HospitalView {
    name: String,
    emergency: Option<String>,
    phone: Option<String>,
    /// The feedback address as printed on paper (the e-mail address, or the form's address).
    feedback_text: Option<String>,
}

#[derive(Serialize)]
struct Alternate {
    hreflang: String,
    href: String,
}

#[derive(Serialize)]
pub(crate) struct DateView {
    pub(crate) iso: String,
    pub(crate) text: String,
}

#[derive(Serialize)]
struct LeafletView<'a> {
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
    reference: &'a str,
    version: u64,
    department: &'a str,
    tags: &'a [String],
    reviewed: DateView,
    review_due: DateView,
    toc: &'a [TocEntry],
    body: String,
    /// The leaflet page and the print page, relative to the current page.
    page_href: String,
    print_href: String,
    url: String,
    print_url: String,
    /// The large-print page, relative to the current page.
    large_print_href: String,
    /// Where the information comes from.
    sources: &'a [Source],
    /// The PDF of this language, relative to the current page, when PDFs are made.
    pdf_href: Option<String>,
    /// The large-print PDF, relative to the current page, when PDFs are made.
    large_print_pdf_href: Option<String>,
    /// "Tell us what you think of this leaflet", when the site takes feedback.
    feedback_href: Option<String>,
}

#[derive(Serialize)]
struct IndexEntry {
    title: String,
    summary: String,
    href: String,
    /// Set when the title and summary are in another language than the page.
    html_lang: Option<String>,
    /// "This leaflet is not yet available in …", when it is missing in this language.
    notice: Option<String>,
    available_in: Vec<LanguageLink>,
}

#[derive(Serialize)]
struct Department {
    name: String,
    html_lang: Option<String>,
    leaflets: Vec<IndexEntry>,
}

#[derive(Serialize)]
struct HomeChoice {
    code: String,
    /// The hospital's name in this language.
    hospital: String,
    html_lang: String,
    self_name: String,
    href: String,
}

impl Pages<'_> {
    /// Context every page has: language, way back to the root, stylesheet, canonical URL.
    fn base_context(&self, lang: &str, page: Page) -> Context {
        // The 404 page is served for any missing address at any depth, so its links start
        // from the site's path.
        let to_root = match page {
            Page::NotFound => self.site.config.base_url.path(),
            page => page.to_root(),
        };
        let mut context = Context::new();
        context.insert("lang", lang);
        context.insert("html_lang", &html_lang(lang));
        context.insert("to_root", to_root);
        let stylesheet = self
            .templates
            .asset_name("style.css")
            .unwrap_or("style.css");
        context.insert(
            "stylesheet",
            &format!("{to_root}{}", layout::asset(stylesheet)),
        );
        context.insert("canonical", &self.site.config.base_url.page(page));
        context.insert("languages", &self.language_links(to_root));
        context.insert("default_language", self.site.config.default_language());
        context.insert("alternates", &Vec::<Alternate>::new());
        context.insert("hospital", &self.hospital(lang));
        context
    }

    /// The hospital as pages in `lang` show it. Its name is missing only in a preview of a
    /// site that has none yet (`build` refuses it): the page then says what to fill in.
    fn hospital(&self, lang: &str) -> HospitalView {
        let hospital = &self.site.config.hospital;
        HospitalView {
            name: self.hospital_name(lang),
            emergency: hospital.emergency.clone(),
            phone: hospital.phone.clone(),
            feedback_text: hospital.feedback_text().map(str::to_string),
        }
    }

    fn hospital_name(&self, lang: &str) -> String {
        self.site
            .config
            .hospital
            .name(lang, self.site.config.default_language())
            .unwrap_or(crate::model::hospital::PLACEHOLDER)
            .to_string()
    }

    /// The feedback link of a leaflet's page in one language, when the site takes feedback.
    fn feedback_href(&self, translation: &Translation) -> Option<String> {
        let front = &translation.front;
        let subject = self.localizer.format(
            &translation.lang,
            "feedback-subject",
            &[
                ("reference", front.reference.clone().into()),
                ("version", front.version.to_string().into()),
                ("language", translation.lang.clone().into()),
            ],
        );
        self.site.config.hospital.feedback_href(&subject)
    }

    /// Every language's index, from a page at `to_root`.
    fn language_links(&self, to_root: &str) -> Vec<LanguageLink> {
        self.site
            .config
            .languages
            .iter()
            .map(|code| LanguageLink {
                code: code.clone(),
                html_lang: html_lang(code),
                self_name: self.localizer.self_name(code),
                href: format!("{to_root}{}", Page::LanguageIndex { lang: code }.path()),
            })
            .collect()
    }

    fn home(&self) -> Result<Vec<u8>, Diagnostic> {
        let lang = self.site.config.default_language();
        let mut context = self.base_context(lang, Page::Home);
        let choices: Vec<HomeChoice> = self
            .site
            .config
            .languages
            .iter()
            .map(|code| HomeChoice {
                code: code.clone(),
                hospital: self.hospital_name(code),
                html_lang: html_lang(code),
                self_name: self.localizer.self_name(code),
                href: Page::LanguageIndex { lang: code }.path(),
            })
            .collect();
        context.insert("choices", &choices);
        context.insert("alternates", &self.language_index_alternates());
        self.templates.render("home.html", &context)
    }

    fn not_found(&self) -> Result<Vec<u8>, Diagnostic> {
        let lang = self.site.config.default_language();
        let context = self.base_context(lang, Page::NotFound);
        self.templates.render("404.html", &context)
    }

    fn language_index(&self, lang: &str) -> Result<Vec<u8>, Diagnostic> {
        let page = Page::LanguageIndex { lang };
        let to_root = page.to_root();
        let mut context = self.base_context(lang, page);
        let mut departments: BTreeMap<String, Department> = BTreeMap::new();
        let department_names = self.department_names(lang);
        let mut count = 0;
        for leaflet in &self.site.leaflets {
            let published: Vec<&Translation> = leaflet.listed().collect();
            let Some(first) = published.first() else {
                continue;
            };
            count += 1;
            let own = published.iter().find(|t| t.lang == lang);
            let shown = own.unwrap_or(first);
            let (department, department_lang) = match own {
                Some(t) => (t.front.department.clone(), None),
                None => match self
                    .site
                    .config
                    .departments
                    .find(&first.lang, &first.front.department)
                    .and_then(|department| department.name(lang))
                    .map(str::to_string)
                    .or_else(|| {
                        department_names
                            .get(&(first.lang.clone(), first.front.department.clone()))
                            .cloned()
                    }) {
                    Some(name) => (name, None),
                    None => (first.front.department.clone(), Some(html_lang(&first.lang))),
                },
            };
            let entry = IndexEntry {
                title: shown.front.title.clone(),
                summary: shown.front.summary.clone(),
                href: format!("{to_root}{}", leaflet_page(shown, leaflet).path()),
                html_lang: own.is_none().then(|| html_lang(&shown.lang)),
                notice: own.is_none().then(|| {
                    self.localizer.format(
                        lang,
                        "not-available",
                        &[("language", self.localizer.language_name(lang, lang).into())],
                    )
                }),
                available_in: if own.is_none() {
                    published
                        .iter()
                        .map(|t| LanguageLink {
                            code: t.lang.clone(),
                            html_lang: html_lang(&t.lang),
                            self_name: self.localizer.self_name(&t.lang),
                            href: format!("{to_root}{}", leaflet_page(t, leaflet).path()),
                        })
                        .collect()
                } else {
                    Vec::new()
                },
            };
            departments
                .entry(department.clone())
                .or_insert_with(|| Department {
                    name: department,
                    html_lang: department_lang,
                    leaflets: Vec::new(),
                })
                .leaflets
                .push(entry);
        }
        let mut departments: Vec<Department> = departments.into_values().collect();
        for department in &mut departments {
            department.leaflets.sort_by(|a, b| a.title.cmp(&b.title));
        }
        context.insert("departments", &departments);
        context.insert("count", &count);
        context.insert("alternates", &self.language_index_alternates());
        self.templates.render("index.html", &context)
    }

    /// Department names in `lang`, learnt from leaflets that exist in both languages: lets a
    /// leaflet missing in `lang` be listed under the right (translated) department when
    /// `departments:` in site.yaml does not name it.
    fn department_names(&self, lang: &str) -> BTreeMap<(String, String), String> {
        let mut names = BTreeMap::new();
        for leaflet in &self.site.leaflets {
            let Some(own) = leaflet.translation(lang) else {
                continue;
            };
            for other in &leaflet.translations {
                names
                    .entry((other.lang.clone(), other.front.department.clone()))
                    .or_insert_with(|| own.front.department.clone());
            }
        }
        names
    }

    /// The language indexes as alternates of each other (and of the home page).
    fn language_index_alternates(&self) -> Vec<Alternate> {
        let languages = &self.site.config.languages;
        self.alternates(
            languages
                .iter()
                .map(|lang| (lang.as_str(), Page::LanguageIndex { lang }.path())),
        )
    }

    /// `hreflang` links for each translation, plus `x-default` (the default language's page, or
    /// the first translation when the default language has none).
    fn alternates<'l>(&self, pages: impl Iterator<Item = (&'l str, String)>) -> Vec<Alternate> {
        let pages: Vec<(&str, String)> = pages.collect();
        let default = pages
            .iter()
            .find(|(lang, _)| *lang == self.site.config.default_language())
            .or(pages.first())
            .map(|(_, path)| path.clone());
        let mut alternates: Vec<Alternate> = pages
            .iter()
            .map(|(lang, path)| Alternate {
                hreflang: html_lang(lang),
                href: self.site.config.base_url.join(path),
            })
            .collect();
        if let Some(path) = default {
            alternates.push(Alternate {
                hreflang: "x-default".into(),
                href: self.site.config.base_url.join(&path),
            });
        }
        alternates
    }

    fn leaflet(
        &self,
        leaflet: &Leaflet,
        translation: &Translation,
        body: &RenderedBody,
        kind: Kind,
    ) -> Result<Vec<u8>, Diagnostic> {
        let (lang, slug) = (translation.lang.as_str(), leaflet.slug.as_str());
        let online = Page::Leaflet { lang, slug };
        let printable = Page::Print { lang, slug };
        let large = Page::LargePrint { lang, slug };
        let page = match kind {
            Kind::Online => online,
            Kind::Print(_) => printable,
            Kind::LargePrint(_) => large,
        };
        let to_root = page.to_root();
        let mut context = self.base_context(lang, page);
        let front = &translation.front;
        let date = |d: time::Date| DateView {
            iso: d.to_string(),
            text: self.localizer.date(lang, d),
        };
        let view = LeafletView {
            slug: &leaflet.slug,
            title: &front.title,
            summary: &front.summary,
            reference: &front.reference,
            version: front.version,
            department: &front.department,
            tags: &front.tags,
            reviewed: date(front.reviewed),
            review_due: date(front.review_due),
            toc: body.toc,
            body: body.html(to_root),
            sources: &front.sources,
            page_href: page.href(&online.path()),
            print_href: page.href(&printable.path()),
            large_print_href: page.href(&large.path()),
            url: self.site.config.base_url.page(online),
            print_url: self.site.config.base_url.page(printable),
            pdf_href: self
                .pdf
                .then(|| page.href(&layout::print_pdf(lang, slug, &front.reference))),
            large_print_pdf_href: self
                .pdf
                .then(|| page.href(&layout::large_print_pdf(lang, slug, &front.reference))),
            feedback_href: self.feedback_href(translation),
        };
        if let Kind::Print(qr_code) | Kind::LargePrint(qr_code) = kind {
            let footer = Footer::for_leaflet(self.localizer, lang, front);
            let size = match kind {
                Kind::LargePrint(_) => FooterSize::Large,
                _ => FooterSize::Normal,
            };
            context.insert(
                "page_style",
                &footer.page_style(self.site.config.paper, size),
            );
            context.insert("qr_code", qr_code);
            context.insert("large_print", &matches!(kind, Kind::LargePrint(_)));
        }
        context.insert(
            "bilingual_href",
            &has_handout(leaflet).then(|| format!("{to_root}{}", Page::Handout { slug }.path())),
        );
        context.insert("leaflet", &view);
        let translations: Vec<LanguageLink> = leaflet
            .published()
            .filter(|t| t.lang != lang)
            .map(|t| LanguageLink {
                code: t.lang.clone(),
                html_lang: html_lang(&t.lang),
                self_name: self.localizer.self_name(&t.lang),
                href: format!("{to_root}{}", same_kind(page, &t.lang).path()),
            })
            .collect();
        context.insert("translations", &translations);
        context.insert(
            "alternates",
            &self.alternates(
                leaflet
                    .published()
                    .map(|t| (t.lang.as_str(), same_kind(page, &t.lang).path())),
            ),
        );
        let template = match kind {
            Kind::Online => "leaflet.html",
            Kind::Print(_) | Kind::LargePrint(_) => "print.html",
        };
        self.templates.render(template, &context)
    }
}

/// Which of a leaflet's pages in one language is made.
#[derive(Clone, Copy)]
enum Kind<'q> {
    Online,
    /// The print page, with its QR code.
    Print(&'q str),
    /// The large-print page, with its QR code.
    LargePrint(&'q str),
}

impl Pages<'_> {
    fn qr_code(&self, lang: &str, url: &str) -> String {
        let label =
            self.localizer
                .format(lang, "qr-code-label", &[("url", url.to_string().into())]);
        qr::svg_for_url(url, &label)
    }

    /// The handout with every language of a leaflet, section by section.
    fn bilingual(
        &self,
        leaflet: &Leaflet,
        bodies: &BTreeMap<&str, &RenderedBody>,
        qr_codes: &BTreeMap<&str, String>,
    ) -> Result<Vec<u8>, Diagnostic> {
        let page = Page::Handout {
            slug: &leaflet.slug,
        };
        let to_root = page.to_root();
        let translations: Vec<&Translation> = leaflet.published().collect();
        let first = translations[0];
        let mut context = self.base_context(&first.lang, page);
        let columns: Vec<HandoutColumn> = translations
            .iter()
            .map(|t| {
                let url = self.site.config.base_url.page(leaflet_page(t, leaflet));
                HandoutColumn {
                    lang: t.lang.clone(),
                    hospital: self.hospital_name(&t.lang),
                    html_lang: html_lang(&t.lang),
                    self_name: self.localizer.self_name(&t.lang),
                    title: t.front.title.clone(),
                    department: t.front.department.clone(),
                    summary: t.front.summary.clone(),
                    version: t.front.version,
                    reviewed: self.localizer.date(&t.lang, t.front.reviewed),
                    review_due: self.localizer.date(&t.lang, t.front.review_due),
                    qr_code: qr_codes[t.lang.as_str()].clone(),
                    url,
                    feedback_href: self.feedback_href(t),
                }
            })
            .collect();
        let sections: Vec<Vec<String>> = translations
            .iter()
            .map(|t| bodies[t.lang.as_str()].sections(to_root, &format!("{}-", t.lang)))
            .collect();
        let row_count = sections.iter().map(Vec::len).max().unwrap_or(0);
        let rows: Vec<Vec<HandoutCell>> = (0..row_count)
            .map(|row| {
                translations
                    .iter()
                    .zip(&sections)
                    .map(|(t, parts)| HandoutCell {
                        html_lang: html_lang(&t.lang),
                        html: parts.get(row).cloned().unwrap_or_default(),
                    })
                    .collect()
            })
            .filter(|cells: &Vec<HandoutCell>| cells.iter().any(|c| !c.html.trim().is_empty()))
            .collect();
        let titles: Vec<&str> = translations
            .iter()
            .map(|t| t.front.title.as_str())
            .collect();
        let paper = self.site.config.paper;
        context.insert(
            "page_style",
            &Footer::for_handout(&first.front.reference, &titles)
                .page_style(paper, FooterSize::Normal),
        );
        context.insert("reference", &first.front.reference);
        context.insert("columns", &columns);
        context.insert("rows", &rows);
        context.insert("stacked", &(paper.is_narrow() || columns.len() > 2));
        context.insert(
            "pdf_href",
            &self
                .pdf
                .then(|| page.href(&layout::handout_pdf(&leaflet.slug, &first.front.reference))),
        );
        self.templates.render("bilingual.html", &context)
    }
}

/// One language of a bilingual handout.
#[derive(Serialize)]
struct HandoutColumn {
    lang: String,
    /// The hospital's name in this language.
    hospital: String,
    html_lang: String,
    self_name: String,
    title: String,
    department: String,
    summary: String,
    version: u64,
    reviewed: String,
    review_due: String,
    url: String,
    qr_code: String,
    feedback_href: Option<String>,
}

/// One language's part of a section row of a bilingual handout.
#[derive(Serialize)]
struct HandoutCell {
    html_lang: String,
    html: String,
}

/// `sitemap.xml` with every page and its language alternates (xhtml:link), as search engines read it.
fn sitemap(site: &Site) -> String {
    let base = &site.config.base_url;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let mut add = |path: &str, alternates: &[(String, String)]| {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&escape::html(&base.join(path)));
        xml.push_str("</loc>\n");
        for (lang, alt_path) in alternates {
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                escape::html(&html_lang(lang)),
                escape::html(&base.join(alt_path))
            ));
        }
        xml.push_str("  </url>\n");
    };
    add(&Page::Home.path(), &[]);
    let indexes: Vec<(String, String)> = site
        .config
        .languages
        .iter()
        .map(|lang| (lang.clone(), Page::LanguageIndex { lang }.path()))
        .collect();
    for (_, path) in &indexes {
        add(path, &indexes);
    }
    for leaflet in &site.leaflets {
        let pages: Vec<(String, String)> = leaflet
            .listed()
            .map(|t| (t.lang.clone(), leaflet_page(t, leaflet).path()))
            .collect();
        let alternates = if pages.len() > 1 {
            pages.clone()
        } else {
            Vec::new()
        };
        for (_, path) in &pages {
            add(path, &alternates);
        }
    }
    xml.push_str("</urlset>\n");
    xml
}
