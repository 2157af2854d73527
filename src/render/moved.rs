//! Addresses that no longer hold a leaflet but stay printed in QR codes on paper: an earlier
//! slug (`aliases:`) becomes small redirect pages and lines of `_redirects`; a withdrawn leaflet
//! (`withdrawn:`) keeps its addresses, which show a notice instead of the leaflet.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::{DateView, Pages};
use crate::diagnostic::{Diagnostic, Location};
use crate::layout::{BaseUrl, Page};
use crate::model::language::html_lang;
use crate::model::{LEAFLETS_DIR, Leaflet, Site, Translation};
use crate::output::{OutputFile, Sink};

/// Where a redirect or a notice leads.
#[derive(Serialize)]
struct Destination {
    href: String,
    title: String,
    /// Set when the destination is in another language than the page.
    html_lang: Option<String>,
}

/// What a withdrawn leaflet's notice says.
#[derive(Serialize)]
struct WithdrawnView<'a> {
    title: &'a str,
    reference: &'a str,
    date: DateView,
    reason: Option<&'a str>,
    replacement: Option<Destination>,
}

/// The translation a reader of `lang` is sent to: the leaflet's own in `lang`, or the first
/// published one.
fn in_language<'a>(leaflet: &'a Leaflet, lang: &str) -> Option<&'a Translation> {
    leaflet
        .published()
        .find(|t| t.lang == lang)
        .or_else(|| leaflet.published().next())
}

/// Every earlier address of every leaflet and where it now leads, as site paths: each alias in
/// every language, its page and its print page.
fn redirects(site: &Site) -> Vec<(String, String)> {
    let mut moves = Vec::new();
    for leaflet in &site.leaflets {
        let slug = leaflet.slug.as_str();
        for (alias, _) in leaflet.aliases() {
            for lang in &site.config.languages {
                let Some(target) = in_language(leaflet, lang) else {
                    continue;
                };
                let (old, to) = (alias.slug.as_str(), target.lang.as_str());
                moves.push((
                    Page::Leaflet { lang, slug: old }.path(),
                    Page::Leaflet { lang: to, slug }.path(),
                ));
                moves.push((
                    Page::Print { lang, slug: old }.path(),
                    Page::Print { lang: to, slug }.path(),
                ));
            }
        }
    }
    moves.sort();
    moves
}

/// `_redirects` for Netlify and Cloudflare Pages: each earlier address moved permanently
/// (301), under the site's base path. `None` when no leaflet has an alias.
pub fn redirects_file(site: &Site) -> Option<String> {
    let moves = redirects(site);
    if moves.is_empty() {
        return None;
    }
    let base: &BaseUrl = &site.config.base_url;
    let prefix = base.path();
    let mut text = String::from(
        "# Written by leafpress: the earlier addresses of leaflets (their `aliases:`), for\n\
         # Netlify and Cloudflare Pages. Each old address also has a page that redirects.\n",
    );
    for (from, to) in moves {
        text.push_str(&format!("{prefix}{from} {prefix}{to} 301\n"));
    }
    Some(text)
}

/// A warning for each leaflet whose pages the previous build published and this one drops
/// (`dropped`: the files that go, from the previous build's manifest): QR codes printed with
/// those addresses will lead nowhere. An alias or a withdrawal keeps the addresses answering,
/// so such a leaflet's pages are never dropped.
pub fn dropped_leaflets(site: &Site, dropped: &[String]) -> Vec<Diagnostic> {
    let mut gone: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for file in dropped {
        if let Some(page @ (Page::Leaflet { slug, .. } | Page::Print { slug, .. })) =
            Page::leaflet_at(file)
        {
            gone.entry(slug)
                .or_default()
                .push(site.config.base_url.page(page));
        }
    }
    gone.into_iter()
        .map(|(slug, addresses)| {
            Diagnostic::warning(
                Location::file(Path::new(LEAFLETS_DIR).join(slug)),
                format!(
                    "leaflet \"{slug}\" is no longer published: {} will answer 404",
                    addresses.join(", ")
                ),
            )
            .with_hint(format!(
                "QR codes printed on paper lead to these addresses: add `aliases: [{slug}]` to the leaflet that replaces it, or keep the leaflet with `withdrawn: YYYY-MM-DD`"
            ))
        })
        .collect()
}

impl Pages<'_> {
    /// The redirect pages of a leaflet's earlier slugs, in every language of the site.
    pub(super) fn alias_files(&self, leaflet: &Leaflet, sink: &Sink) -> Result<(), Diagnostic> {
        let slug = leaflet.slug.as_str();
        for (alias, _) in leaflet.aliases() {
            for lang in &self.site.config.languages {
                let Some(target) = in_language(leaflet, lang) else {
                    continue;
                };
                let (old, to) = (alias.slug.as_str(), target.lang.as_str());
                for (from, destination) in [
                    (
                        Page::Leaflet { lang, slug: old },
                        Page::Leaflet { lang: to, slug },
                    ),
                    (
                        Page::Print { lang, slug: old },
                        Page::Print { lang: to, slug },
                    ),
                ] {
                    sink(OutputFile::new(
                        from.file(),
                        self.redirect(lang, from, destination, target)?,
                    ))?;
                }
            }
        }
        Ok(())
    }

    /// A page that sends the reader on to `destination` at once (meta refresh), with a link for
    /// browsers that do not follow it, and no place in search engines.
    fn redirect(
        &self,
        lang: &str,
        from: Page,
        destination: Page,
        target: &Translation,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut context = self.base_context(lang, from);
        context.insert("canonical", &self.site.config.base_url.page(destination));
        context.insert(
            "destination",
            &Destination {
                href: from.href(&destination.path()),
                title: target.front.title.clone(),
                html_lang: (target.lang != lang).then(|| html_lang(&target.lang)),
            },
        );
        self.templates.render("redirect.html", &context)
    }

    /// A withdrawn leaflet's addresses (page, print page, large print) in each language it was
    /// published in, each with the notice.
    pub(super) fn withdrawn_files(&self, leaflet: &Leaflet, sink: &Sink) -> Result<(), Diagnostic> {
        let slug = leaflet.slug.as_str();
        for translation in leaflet.published() {
            let lang = translation.lang.as_str();
            for page in [
                Page::Leaflet { lang, slug },
                Page::Print { lang, slug },
                Page::LargePrint { lang, slug },
            ] {
                sink(OutputFile::new(
                    page.file(),
                    self.withdrawn(leaflet, translation, page)?,
                ))?;
            }
        }
        Ok(())
    }

    fn withdrawn(
        &self,
        leaflet: &Leaflet,
        translation: &Translation,
        page: Page,
    ) -> Result<Vec<u8>, Diagnostic> {
        let lang = translation.lang.as_str();
        let withdrawal = leaflet
            .withdrawal()
            .expect("only a withdrawn leaflet has a notice");
        let replacement = withdrawal
            .replaced_by
            .as_deref()
            .and_then(|slug| self.site.leaflet(slug))
            .and_then(|other| {
                let target = in_language(other, lang)?;
                let destination = Page::Leaflet {
                    lang: &target.lang,
                    slug: &other.slug,
                };
                Some(Destination {
                    href: page.href(&destination.path()),
                    title: target.front.title.clone(),
                    html_lang: (target.lang != lang).then(|| html_lang(&target.lang)),
                })
            });
        let front = &translation.front;
        let mut context = self.base_context(lang, page);
        context.insert(
            "withdrawn",
            &WithdrawnView {
                title: &front.title,
                reference: &front.reference,
                date: DateView {
                    iso: withdrawal.date.to_string(),
                    text: self.localizer.date(lang, withdrawal.date),
                },
                reason: front.withdrawn.as_ref().and_then(|w| w.reason.as_deref()),
                replacement,
            },
        );
        self.templates.render("withdrawn.html", &context)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{TODAY, site_folder};

    #[test]
    fn each_alias_redirects_in_every_language_under_the_base_path() {
        let moved = "---\ntitle: T\nsummary: S\nreference: A-1\nversion: 1\ndepartment: D\n\
                     reviewed: 2026-02-01\nreview_due: 2027-02-01\naliases: [old, older]\n---\nBody\n";
        let dir = site_folder(&[
            ("site.yaml", "base_url: https://cdn.example.org/leaflets/\n"),
            ("leaflets/new/en.md", moved),
        ]);
        let mut diagnostics = crate::diagnostic::Diagnostics::default();
        let site = Site::load(dir.path(), None, TODAY, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{:?}", diagnostics.sorted());
        let text = redirects_file(&site).unwrap();
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(
            lines,
            [
                // The Chinese addresses lead to the English leaflet: it has no Chinese version.
                "/leaflets/en/old/ /leaflets/en/new/ 301",
                "/leaflets/en/old/print/ /leaflets/en/new/print/ 301",
                "/leaflets/en/older/ /leaflets/en/new/ 301",
                "/leaflets/en/older/print/ /leaflets/en/new/print/ 301",
                "/leaflets/zh/old/ /leaflets/en/new/ 301",
                "/leaflets/zh/old/print/ /leaflets/en/new/print/ 301",
                "/leaflets/zh/older/ /leaflets/en/new/ 301",
                "/leaflets/zh/older/print/ /leaflets/en/new/print/ 301",
            ]
        );
    }

    #[test]
    fn a_site_without_aliases_has_no_redirects_file() {
        let dir = site_folder(&[(
            "leaflets/a/en.md",
            &crate::testing::leaflet_file("A-1", 1, "Body\n"),
        )]);
        let mut diagnostics = crate::diagnostic::Diagnostics::default();
        let site = Site::load(dir.path(), None, TODAY, &mut diagnostics);
        assert_eq!(redirects_file(&site), None);
    }
}
