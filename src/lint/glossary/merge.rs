//! Joins the rows read from `glossary.csv` and `glossary.tbx` into one list, and reports
//! what cannot be checked: a term approved by two rows, or approved by one and avoided by another.

use std::collections::HashMap;

use super::{Row, problem, term_key};
use crate::diagnostic::Diagnostic;

/// Joins the rows of each file into one list: a row that shares an approved term with an
/// earlier one (same language) is merged into it, so a concept in both `glossary.csv` and
/// `glossary.tbx` is one row. Then reports terms approved twice or approved and avoided.
pub fn merge(sources: Vec<Vec<Row>>, problems: &mut Vec<Diagnostic>) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    // (language, term key) → row index, for approved terms.
    let mut approved: HashMap<(String, String), usize> = HashMap::new();
    for (file_index, source) in sources.into_iter().enumerate() {
        let first_of_this_file = rows.len();
        for row in source {
            let shared = row.terms.iter().find_map(|(lang, terms)| {
                terms
                    .iter()
                    .find_map(|t| approved.get(&(lang.clone(), term_key(t))).copied())
            });
            let target = match shared {
                // Within one file a shared term is a duplicate, reported below; across files
                // it is the same concept described twice.
                Some(existing) if file_index > 0 && existing < first_of_this_file => {
                    merge_into(&mut rows[existing], row);
                    existing
                }
                _ => {
                    rows.push(row);
                    rows.len() - 1
                }
            };
            report_duplicates(&rows, target, &mut approved, problems);
        }
    }
    report_conflicts(&rows, problems);
    rows
}

fn merge_into(row: &mut Row, other: Row) {
    for (lang, terms) in other.terms {
        let list = row.terms.entry(lang).or_default();
        for term in terms {
            Row::push_unique(list, term);
        }
    }
    for (lang, terms) in other.avoid {
        let list = row.avoid.entry(lang).or_default();
        for term in terms {
            Row::push_unique(list, term);
        }
    }
    if row.note.is_none() {
        row.note = other.note;
    }
}

/// Records the approved terms of row `index`, warning about any that an earlier row has.
fn report_duplicates(
    rows: &[Row],
    index: usize,
    approved: &mut HashMap<(String, String), usize>,
    problems: &mut Vec<Diagnostic>,
) {
    let row = &rows[index];
    for (lang, terms) in &row.terms {
        for term in terms {
            match approved.entry((lang.clone(), term_key(term))) {
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(index);
                }
                std::collections::hash_map::Entry::Occupied(slot) if *slot.get() != index => {
                    let first = &rows[*slot.get()];
                    problems.push(
                        problem::warning(
                            &row.origin.path,
                            row.origin.line,
                            None,
                            format!(
                                "duplicate term \"{term}\" ({lang}): the row at {} has it already",
                                first.origin
                            ),
                        )
                        .with_hint("merge the two rows; the first one is used for this term"),
                    );
                }
                std::collections::hash_map::Entry::Occupied(_) => {}
            }
        }
    }
}

/// A term that one row approves and another (or the same) avoids cannot be checked.
fn report_conflicts(rows: &[Row], problems: &mut Vec<Diagnostic>) {
    let mut approved: HashMap<(&str, String), &Row> = HashMap::new();
    for row in rows {
        for (lang, terms) in &row.terms {
            for term in terms {
                approved
                    .entry((lang.as_str(), term_key(term)))
                    .or_insert(row);
            }
        }
    }
    for row in rows {
        for (lang, terms) in &row.avoid {
            for term in terms {
                if let Some(approving) = approved.get(&(lang.as_str(), term_key(term))) {
                    problems.push(
                        problem::error(
                            &row.origin.path,
                            row.origin.line,
                            None,
                            format!(
                                "\"{term}\" ({lang}) is to be avoided here but approved at {}",
                                approving.origin
                            ),
                        )
                        .with_hint("a term cannot be both; it is treated as approved"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::glossary::tests::row;
    use std::path::PathBuf;

    #[test]
    fn merges_a_concept_found_in_both_files() {
        let csv = vec![row(2, &["DVT"], &["深静脉血栓"], &[])];
        let mut tbx_row = row(
            7,
            &["DVT", "deep vein thrombosis"],
            &["深静脉血栓形成"],
            &["静脉炎"],
        );
        tbx_row.origin.path = PathBuf::from("glossary.tbx");
        let mut problems = Vec::new();
        let rows = merge(vec![csv, vec![tbx_row]], &mut problems);
        assert_eq!(problems, []);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].terms("en"), ["DVT", "deep vein thrombosis"]);
        assert_eq!(rows[0].terms("zh"), ["深静脉血栓", "深静脉血栓形成"]);
        assert_eq!(rows[0].avoided("zh"), ["静脉炎"]);
    }

    #[test]
    fn reports_duplicates_and_conflicts() {
        let rows = vec![
            row(2, &["DVT"], &["深静脉血栓"], &[]),
            row(3, &["dvt"], &["血栓"], &[]),
            row(4, &["phlebitis"], &["静脉炎"], &["深静脉血栓"]),
        ];
        let mut problems = Vec::new();
        merge(vec![rows], &mut problems);
        let summary: Vec<(usize, bool, &str)> = problems
            .iter()
            .map(|p| {
                let line = p.location.position.map_or(0, |at| at.line as usize);
                (
                    line,
                    p.level == crate::diagnostic::Level::Error,
                    p.message.as_str(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (
                    3,
                    false,
                    "duplicate term \"dvt\" (en): the row at glossary.csv:2 has it already"
                ),
                (
                    4,
                    true,
                    "\"深静脉血栓\" (zh) is to be avoided here but approved at glossary.csv:2"
                ),
            ]
        );
    }
}
