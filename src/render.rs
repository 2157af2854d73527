//! Rendering a checked site into output files: pages in every language, print pages, the
//! sitemap, the 404 page, stylesheets and the leaflets' images.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::cdn;
use crate::config::html_lang;
use crate::diagnostic::Diagnostic;
use crate::i18n::Localizer;
use crate::markdown::{self, RenderedBody, TocEntry};
use crate::pdf::PdfJob;
use crate::print::Footer;
use crate::qr;
use crate::site::{Leaflet, Site, Translation};
use crate::templates::Templates;

/// One file of the built site: its path relative to the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: Vec<u8>,
    /// The contents' SHA-256 in hex, when whoever made the file worked it out already (for a
    /// fingerprinted name): the manifest needs it too, and hashing is a twentieth of a build.
    pub sha256: Option<String>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, contents: impl Into<Vec<u8>>) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: contents.into(),
            sha256: None,
        }
    }
}

/// Receives the files of the site as they are rendered, from several threads at once.
pub type Sink<'a> = dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync + 'a;

/// What rendering needs besides the site.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub localizer: &'a Localizer,
    /// `None` when the templates did not load: bodies are still checked.
    pub templates: Option<&'a Templates>,
    /// Whether PDFs are made, so pages link to them.
    pub pdf: bool,
    /// The previous run's leaflets, to replay those that did not change (the live preview).
    pub reuse: Option<&'a crate::incremental::Run<'a>>,
}

impl Renderer<'_> {
    /// Checks every leaflet body (links, images, HTML) and, when `sink` is given, renders every
    /// file of the site into it. Leaflets are rendered on all cores, each from parsing to written
    /// pages, so no more than a few leaflets' pages are in memory at once. Returns the problems
    /// found; rendering stops at the first page that cannot be rendered or written.
    pub fn render(&self, sink: Option<&Sink>) -> Vec<Diagnostic> {
        let pages = match (self.templates, sink) {
            (Some(templates), Some(sink)) => Some((
                Pages {
                    site: self.site,
                    localizer: self.localizer,
                    templates,
                    pdf: self.pdf,
                },
                sink,
            )),
            _ => None,
        };
        let failed = AtomicBool::new(false);
        // The site's own files (a large site's indexes are long) alongside the leaflets'.
        let (site_files, results) = rayon::join(
            || match &pages {
                Some((pages, sink)) => pages
                    .site_files(sink)
                    .inspect_err(|_| failed.store(true, Ordering::Relaxed)),
                None => Ok(()),
            },
            || {
                self.site
                    .leaflets
                    .par_iter()
                    // One task per leaflet (see lint::check).
                    .with_max_len(1)
                    .map(|leaflet| {
                        let (pages, sink) =
                            pages.as_ref().map(|(pages, sink)| (pages, *sink)).unzip();
                        let Some(reuse) = self.reuse else {
                            return self.leaflet(leaflet, pages.zip(sink), &failed);
                        };
                        reuse.render(leaflet, sink, &failed, |sink| {
                            self.leaflet(leaflet, pages.zip(sink), &failed)
                        })
                    })
                    .collect::<Vec<(Vec<Diagnostic>, Option<Diagnostic>)>>()
            },
        );
        if let Err(diagnostic) = site_files {
            return vec![diagnostic];
        }
        let mut diagnostics = Vec::new();
        let mut first_failure = None;
        for (found, failure) in results {
            diagnostics.extend(found);
            if first_failure.is_none() {
                first_failure = failure;
            }
        }
        diagnostics.extend(first_failure);
        diagnostics
    }
}

impl Renderer<'_> {
    /// One leaflet's body findings and, with pages to render, its files sent into the sink
    /// (unless another leaflet failed already). The second value is the failure that stopped it.
    fn leaflet(
        &self,
        leaflet: &Leaflet,
        pages: Option<(&Pages, &Sink)>,
        failed: &AtomicBool,
    ) -> (Vec<Diagnostic>, Option<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut bodies: BTreeMap<String, RenderedBody> = leaflet
            .translations
            .iter()
            .map(|t| {
                let body = markdown::render(self.site, leaflet, t, &mut diagnostics);
                (t.lang.clone(), body)
            })
            .collect();
        let mut failure = None;
        if let Some((pages, sink)) = pages
            && !failed.load(Ordering::Relaxed)
            && let Err(diagnostic) = pages.leaflet_files(leaflet, &mut bodies, sink)
        {
            failed.store(true, Ordering::Relaxed);
            failure = Some(diagnostic);
        }
        (diagnostics, failure)
    }
}

/// The PDFs `build --pdf` makes: one per print page and one per bilingual handout.
pub fn pdf_jobs(site: &Site) -> Vec<PdfJob> {
    let mut jobs = Vec::new();
    for leaflet in &site.leaflets {
        for translation in leaflet.published() {
            let dir = format!("{}/{}", translation.lang, leaflet.slug);
            jobs.push(PdfJob {
                page: format!("{dir}/print/index.html"),
                output: format!(
                    "{dir}/{}",
                    pdf_name(&translation.front.reference, &translation.lang)
                ),
                title: translation.front.title.clone(),
                lang: html_lang(&translation.lang),
            });
        }
        if let Some(path) = bilingual_path(leaflet) {
            let first = leaflet
                .published()
                .next()
                .expect("a handout has translations");
            jobs.push(PdfJob {
                page: format!("{path}index.html"),
                output: format!("{path}{}", pdf_name(&first.front.reference, "bilingual")),
                title: leaflet
                    .published()
                    .map(|t| t.front.title.as_str())
                    .collect::<Vec<_>>()
                    .join(" / "),
                lang: html_lang(&first.lang),
            });
        }
    }
    jobs
}

impl Pages<'_> {
    /// The files that belong to no single leaflet: home, 404, language indexes, assets,
    /// sitemap, robots.txt and the cache rules.
    fn site_files(&self, sink: &Sink) -> Result<(), Diagnostic> {
        let site = self.site;
        sink(OutputFile::new("index.html", self.home()?))?;
        sink(OutputFile::new("404.html", self.not_found()?))?;
        for lang in &site.config.languages {
            sink(OutputFile::new(
                format!("{lang}/index.html"),
                self.language_index(lang)?,
            ))?;
        }
        for (name, bytes) in &self.templates.assets {
            sink(OutputFile::new(
                format!("{}/{name}", cdn::ASSETS_DIR),
                bytes.clone(),
            ))?;
        }
        sink(OutputFile::new("sitemap.xml", sitemap(site)))?;
        sink(OutputFile::new(
            cdn::ROBOTS,
            cdn::robots(&site.config.base_url),
        ))?;
        sink(OutputFile::new(
            cdn::HEADERS,
            cdn::headers(
                &site.config.base_url,
                &site.config.languages,
                &[
                    "index.html",
                    "404.html",
                    "sitemap.xml",
                    cdn::ROBOTS,
                    cdn::MANIFEST,
                ],
            ),
        ))
    }

    /// A leaflet's pages in every language, its print pages, bilingual handout and files.
    fn leaflet_files(
        &self,
        leaflet: &Leaflet,
        bodies: &mut BTreeMap<String, RenderedBody>,
        sink: &Sink,
    ) -> Result<(), Diagnostic> {
        let mut written = std::collections::BTreeSet::new();
        let mut named = BTreeMap::new();
        for body in bodies.values_mut() {
            for asset in body.fingerprint_assets(&self.site.root, &mut named)? {
                if written.insert(asset.path.clone()) {
                    sink(OutputFile::new(asset.path, asset.bytes))?;
                }
            }
        }
        // One QR code per language, shared by the print page and the bilingual handout:
        // choosing a QR code's mask is the most expensive step of rendering a leaflet.
        let mut qr_codes = BTreeMap::new();
        for translation in leaflet.published() {
            let url = self.page_url(leaflet, translation);
            qr_codes.insert(
                translation.lang.clone(),
                self.qr_code(&translation.lang, &url),
            );
        }
        for translation in leaflet.published() {
            let body = &bodies[&translation.lang];
            let dir = format!("{}/{}", translation.lang, leaflet.slug);
            let qr_code = &qr_codes[&translation.lang];
            sink(OutputFile::new(
                format!("{dir}/index.html"),
                self.leaflet(leaflet, translation, body, None)?,
            ))?;
            sink(OutputFile::new(
                format!("{dir}/print/index.html"),
                self.leaflet(leaflet, translation, body, Some(qr_code))?,
            ))?;
        }
        if let Some(path) = bilingual_path(leaflet) {
            sink(OutputFile::new(
                format!("{path}index.html"),
                self.bilingual(leaflet, bodies, &qr_codes)?,
            ))?;
        }
        Ok(())
    }

    fn page_url(&self, leaflet: &Leaflet, translation: &Translation) -> String {
        self.site
            .config
            .base_url
            .join(&format!("{}/{}/", translation.lang, leaflet.slug))
    }
}

/// Where a leaflet's bilingual handout goes (`<slug>/print/bilingual/`), when it exists in two
/// or more languages. It belongs to no single language, so it sits outside the language folders.
fn bilingual_path(leaflet: &Leaflet) -> Option<String> {
    (leaflet.published().count() >= 2).then(|| format!("{}/print/bilingual/", leaflet.slug))
}

/// `GAS-0101-en.pdf`: the reference first, so a print room can file PDFs by reference.
pub fn pdf_name(reference: &str, lang: &str) -> String {
    format!("{reference}-{lang}.pdf")
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

#[derive(Serialize)]
struct Alternate {
    hreflang: String,
    href: String,
}

#[derive(Serialize)]
struct DateView {
    iso: String,
    text: String,
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
    page_href: &'static str,
    print_href: &'static str,
    url: String,
    print_url: String,
    /// The PDF of this language, relative to the current page, when PDFs are made.
    pdf_href: Option<String>,
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
    html_lang: String,
    self_name: String,
    href: String,
}

struct Pages<'a> {
    site: &'a Site,
    localizer: &'a Localizer,
    templates: &'a Templates,
    /// Whether PDFs are made, so pages link to them.
    pdf: bool,
}

impl Pages<'_> {
    /// Context every page has: language, way back to the root, stylesheet, canonical URL.
    fn base_context(&self, lang: &str, to_root: &str, site_path: &str) -> Context {
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
            &format!("{to_root}{}/{stylesheet}", cdn::ASSETS_DIR),
        );
        context.insert("canonical", &self.site.config.base_url.join(site_path));
        context.insert(
            "languages",
            &self.language_links(to_root, |code| format!("{code}/")),
        );
        context.insert("default_language", self.site.config.default_language());
        context.insert("alternates", &Vec::<Alternate>::new());
        context
    }

    fn language_links(&self, to_root: &str, path: impl Fn(&str) -> String) -> Vec<LanguageLink> {
        self.site
            .config
            .languages
            .iter()
            .map(|code| LanguageLink {
                code: code.clone(),
                html_lang: html_lang(code),
                self_name: self.localizer.self_name(code),
                href: format!("{to_root}{}", path(code)),
            })
            .collect()
    }

    fn home(&self) -> Result<Vec<u8>, Diagnostic> {
        let lang = self.site.config.default_language();
        let mut context = self.base_context(lang, "", "");
        let choices: Vec<HomeChoice> = self
            .site
            .config
            .languages
            .iter()
            .map(|code| HomeChoice {
                code: code.clone(),
                html_lang: html_lang(code),
                self_name: self.localizer.self_name(code),
                href: format!("{code}/"),
            })
            .collect();
        context.insert("choices", &choices);
        context.insert("alternates", &self.language_index_alternates());
        self.templates.render("home.html", &context)
    }

    fn not_found(&self) -> Result<Vec<u8>, Diagnostic> {
        // Served for any missing address at any depth, so its links start from the site's path.
        let to_root = self.site.config.base_url.path().to_string();
        let lang = self.site.config.default_language();
        let context = self.base_context(lang, &to_root, "404.html");
        self.templates.render("404.html", &context)
    }

    fn language_index(&self, lang: &str) -> Result<Vec<u8>, Diagnostic> {
        let mut context = self.base_context(lang, "../", &format!("{lang}/"));
        let mut departments: BTreeMap<String, Department> = BTreeMap::new();
        let department_names = self.department_names(lang);
        let mut count = 0;
        for leaflet in &self.site.leaflets {
            let published: Vec<&Translation> = leaflet.published().collect();
            let Some(first) = published.first() else {
                continue;
            };
            count += 1;
            let own = published.iter().find(|t| t.lang == lang);
            let shown = own.unwrap_or(first);
            let (department, department_lang) = match own {
                Some(t) => (t.front.department.clone(), None),
                None => match department_names
                    .get(&(first.lang.clone(), first.front.department.clone()))
                {
                    Some(name) => (name.clone(), None),
                    None => (first.front.department.clone(), Some(html_lang(&first.lang))),
                },
            };
            let entry = IndexEntry {
                title: shown.front.title.clone(),
                summary: shown.front.summary.clone(),
                href: format!("../{}/{}/", shown.lang, leaflet.slug),
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
                            href: format!("../{}/{}/", t.lang, leaflet.slug),
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
    /// leaflet missing in `lang` be listed under the right (translated) department.
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
        self.alternates(languages.iter().map(|l| (l.as_str(), format!("{l}/"))))
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
        print_qr_code: Option<&str>,
    ) -> Result<Vec<u8>, Diagnostic> {
        let print = print_qr_code.is_some();
        let lang = translation.lang.as_str();
        let page_path = format!("{lang}/{}/", leaflet.slug);
        let to_root = if print { "../../../" } else { "../../" };
        let site_path = if print {
            format!("{page_path}print/")
        } else {
            page_path.clone()
        };
        let mut context = self.base_context(lang, to_root, &site_path);
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
            toc: &body.toc,
            body: body.html(to_root),
            page_href: if print { "../" } else { "./" },
            print_href: if print { "./" } else { "print/" },
            url: self.site.config.base_url.join(&page_path),
            print_url: self
                .site
                .config
                .base_url
                .join(&format!("{page_path}print/")),
            pdf_href: self.pdf.then(|| {
                let name = pdf_name(&front.reference, lang);
                if print { format!("../{name}") } else { name }
            }),
        };
        if let Some(qr_code) = print_qr_code {
            let footer = Footer::for_leaflet(self.localizer, lang, front);
            context.insert("page_style", &footer.page_style(self.site.config.paper));
            context.insert("qr_code", qr_code);
        }
        context.insert(
            "bilingual_href",
            &bilingual_path(leaflet).map(|path| format!("{to_root}{path}")),
        );
        context.insert("leaflet", &view);
        let translations: Vec<LanguageLink> = leaflet
            .published()
            .filter(|t| t.lang != lang)
            .map(|t| LanguageLink {
                code: t.lang.clone(),
                html_lang: html_lang(&t.lang),
                self_name: self.localizer.self_name(&t.lang),
                href: format!(
                    "{to_root}{}/{}/{}",
                    t.lang,
                    leaflet.slug,
                    if print { "print/" } else { "" }
                ),
            })
            .collect();
        context.insert("translations", &translations);
        let suffix = if print { "print/" } else { "" };
        context.insert(
            "alternates",
            &self.alternates(leaflet.published().map(|t| {
                (
                    t.lang.as_str(),
                    format!("{}/{}/{suffix}", t.lang, leaflet.slug),
                )
            })),
        );
        self.templates
            .render(if print { "print.html" } else { "leaflet.html" }, &context)
    }
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
        bodies: &BTreeMap<String, RenderedBody>,
        qr_codes: &BTreeMap<String, String>,
    ) -> Result<Vec<u8>, Diagnostic> {
        let to_root = "../../../";
        let translations: Vec<&Translation> = leaflet.published().collect();
        let first = translations[0];
        let path = bilingual_path(leaflet).expect("only leaflets with translations get a handout");
        let mut context = self.base_context(&first.lang, to_root, &path);
        let columns: Vec<HandoutColumn> = translations
            .iter()
            .map(|t| {
                let url = self.page_url(leaflet, t);
                HandoutColumn {
                    lang: t.lang.clone(),
                    html_lang: html_lang(&t.lang),
                    self_name: self.localizer.self_name(&t.lang),
                    title: t.front.title.clone(),
                    department: t.front.department.clone(),
                    summary: t.front.summary.clone(),
                    version: t.front.version,
                    reviewed: self.localizer.date(&t.lang, t.front.reviewed),
                    review_due: self.localizer.date(&t.lang, t.front.review_due),
                    qr_code: qr_codes[&t.lang].clone(),
                    url,
                }
            })
            .collect();
        let sections: Vec<Vec<String>> = translations
            .iter()
            .map(|t| bodies[&t.lang].sections(to_root, &format!("{}-", t.lang)))
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
            &Footer::for_handout(&first.front.reference, &titles).page_style(paper),
        );
        context.insert("reference", &first.front.reference);
        context.insert("columns", &columns);
        context.insert("rows", &rows);
        context.insert("stacked", &(paper.is_narrow() || columns.len() > 2));
        context.insert(
            "pdf_href",
            &self
                .pdf
                .then(|| pdf_name(&first.front.reference, "bilingual")),
        );
        self.templates.render("bilingual.html", &context)
    }
}

/// One language of a bilingual handout.
#[derive(Serialize)]
struct HandoutColumn {
    lang: String,
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
        xml.push_str(&escape_xml(&base.join(path)));
        xml.push_str("</loc>\n");
        for (lang, alt_path) in alternates {
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                escape_xml(&html_lang(lang)),
                escape_xml(&base.join(alt_path))
            ));
        }
        xml.push_str("  </url>\n");
    };
    add("", &[]);
    let indexes: Vec<(String, String)> = site
        .config
        .languages
        .iter()
        .map(|l| (l.clone(), format!("{l}/")))
        .collect();
    for (_, path) in &indexes {
        add(path, &indexes);
    }
    for leaflet in &site.leaflets {
        let pages: Vec<(String, String)> = leaflet
            .published()
            .map(|t| (t.lang.clone(), format!("{}/{}/", t.lang, leaflet.slug)))
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

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
