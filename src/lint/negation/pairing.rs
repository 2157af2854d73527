//! Which block of a section corresponds to which in the other language, the way the
//! `structure-mismatch` rule counts them: the n-th list item with the n-th list item, the n-th
//! table cell with the n-th table cell, the n-th paragraph with the n-th paragraph.

use crate::lint::document::BlockKind;

const KINDS: [BlockKind; 4] = [
    BlockKind::Heading,
    BlockKind::Paragraph,
    BlockKind::ListItem,
    BlockKind::TableCell,
];

/// Index pairs (in `a`, in `b`) of corresponding blocks of one section, in `a`'s order.
///
/// A kind whose count differs between the two is left out entirely: which of them was
/// merged, split or dropped cannot be known, `structure-mismatch` already reports it, and a
/// wrong pairing would compare unrelated sentences.
pub fn pair_blocks(a: &[BlockKind], b: &[BlockKind]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for kind in KINDS {
        let of_kind = |blocks: &[BlockKind]| {
            blocks
                .iter()
                .enumerate()
                .filter(|(_, k)| **k == kind)
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        };
        let (in_a, in_b) = (of_kind(a), of_kind(b));
        if in_a.len() == in_b.len() {
            pairs.extend(in_a.into_iter().zip(in_b));
        }
    }
    pairs.sort_unstable();
    pairs
}

#[cfg(test)]
mod tests {
    use super::BlockKind::*;
    use super::*;

    /// (kinds in a, kinds in b, expected pairs).
    type Case = (
        &'static [BlockKind],
        &'static [BlockKind],
        &'static [(usize, usize)],
    );

    #[test]
    fn pairs_blocks_of_the_same_kind_in_order() {
        let cases: &[Case] = &[
            (
                &[Paragraph, ListItem, ListItem],
                &[Paragraph, ListItem, ListItem],
                &[(0, 0), (1, 1), (2, 2)],
            ),
            // Blocks of other kinds in between do not shift the pairing.
            (
                &[Heading, ListItem, Paragraph],
                &[Heading, Paragraph, ListItem],
                &[(0, 0), (1, 2), (2, 1)],
            ),
            // A list with an item missing is not paired; the paragraph still is.
            (
                &[Paragraph, ListItem, ListItem],
                &[Paragraph, ListItem],
                &[(0, 0)],
            ),
            (
                &[TableCell, TableCell],
                &[TableCell, TableCell],
                &[(0, 0), (1, 1)],
            ),
            (&[], &[Paragraph], &[]),
        ];
        for (a, b, expected) in cases {
            assert_eq!(pair_blocks(a, b), *expected, "{a:?} / {b:?}");
        }
    }
}
