//! Stage 7: indicators. A table with a unit and a target column (seed 002:
//! `TT | CHỈ TIÊU | DVT | Kế hoạch năm 2024`) gives indicator targets, its
//! sub-rows (`- Tuyến tỉnh`) the parts of the row above.

use super::tables::{Col, Row, Table};
use crate::model::Indicator;

/// True when the table is an indicator table.
pub(crate) fn is_indicator_table(t: &Table) -> bool {
    t.cols.contains(&Col::Unit) && t.cols.contains(&Col::Target) && !t.cols.contains(&Col::Lead)
}

fn indicator(r: &Row) -> Indicator {
    let mut i = Indicator::new(
        &r.no,
        r.cell(Col::Name).unwrap_or(""),
        r.cell(Col::Unit).unwrap_or(""),
        r.cell(Col::Target).unwrap_or(""),
    );
    i.parts = r.parts.iter().map(indicator).collect();
    i
}

/// The indicators of an indicator table.
pub(crate) fn read(t: &Table) -> Vec<Indicator> {
    t.rows.iter().map(indicator).collect()
}

#[cfg(test)]
mod tests {
    use super::super::{normalise::normalise, tables::detect};
    use super::*;
    use crate::model::Comparator;

    #[test]
    fn seed_002_indicators() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/sources/dak-lak-2024-kh-syt-draft.txt"
        ))
        .unwrap();
        let lines = normalise(&text);
        let i = lines.iter().position(|l| l.text.starts_with("TT\t")).unwrap();
        let t = detect(&lines, i).unwrap();
        assert!(is_indicator_table(&t));
        let ind = read(&t);
        assert_eq!(ind.len(), 12);
        assert_eq!((ind[1].comparator, ind[1].value), (Comparator::Lt, Some(22.0)));
        assert_eq!(ind[6].value, Some(5130.0));
        assert_eq!(ind[6].parts.len(), 2);
        assert_eq!(ind[6].parts[1].name, "Tuyến huyện, thành phố, TX");
        assert_eq!(ind[6].parts[1].unit, "GB");
        assert_eq!((ind[10].comparator, ind[10].value), (Comparator::Ge, Some(95.0)));
        assert_eq!(ind[11].value, Some(0.2));
    }
}
