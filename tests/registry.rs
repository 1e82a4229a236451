//! The agency registry and the jurisdiction table shipped in `data/`: they
//! load, every name resolves to its own entry, every reference inside them
//! names something, and the forms plans write resolve.

use std::collections::{HashMap, HashSet};

use directive_lineage::{
    extract_all, fold, AgencyKind, Corpus, ExtractOptions, Jurisdiction, Level, LineageGraph, TaskFilter,
};

fn tables() -> Corpus {
    Corpus::new()
}

#[test]
fn registry_loads_with_a_source_for_every_entry() {
    let c = tables();
    assert!(c.agencies().len() >= 150, "{} entries", c.agencies().len());
    let ids: HashSet<&str> = c.agency_sources().iter().map(|s| s.id.as_str()).collect();
    for a in c.agencies() {
        let s = a.source.as_deref().unwrap_or_else(|| panic!("{} has no source", a.key));
        assert!(ids.contains(s), "{}: source {s} is not listed", a.key);
    }
    // Written out, the table is the file: nothing it holds is lost on load.
    let file = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/agencies.json")).unwrap();
    assert!(c.agencies_to_json() == file, "the table written out differs from data/agencies.json");
    // The data directory loads the same table as the embedded one.
    let loaded = Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).unwrap();
    assert_eq!(loaded.agencies(), c.agencies());
    assert_eq!(loaded.jurisdictions(), c.jurisdictions());
    assert_eq!(loaded.agency_sources(), c.agency_sources());
}

#[test]
fn every_name_and_alias_resolves_to_its_own_entry() {
    // An alias that folds to another entry's name or alias would resolve to
    // whichever came first: no two entries may share one.
    let c = tables();
    let mut clashes = Vec::new();
    for a in c.agencies() {
        for name in std::iter::once(&a.name).chain(&a.aliases) {
            let r = c.resolve_agency(name, "vn");
            let key = r.id.rsplit('/').next().unwrap();
            if !r.known || key != a.key {
                clashes.push(format!("{name:?} of {} resolves to {}", a.key, r.id));
            }
        }
    }
    assert!(clashes.is_empty(), "{}", clashes.join("\n"));
}

#[test]
fn every_group_member_and_successor_exists() {
    let c = tables();
    let keys: HashMap<&str, Level> = c.agencies().iter().map(|a| (a.key.as_str(), a.scope)).collect();
    assert_eq!(keys.len(), c.agencies().len(), "agency keys are unique");
    for a in c.agencies() {
        for m in &a.members {
            assert!(keys.contains_key(m.as_str()), "{}: member {m} is not in the table", a.key);
        }
        if let Some(s) = &a.successor {
            assert!(keys.contains_key(s.as_str()), "{}: successor {s} is not in the table", a.key);
            assert_ne!(s, &a.key);
        }
    }
    // Every ministry and ministry-level agency, old and new, is a member of
    // the group plans call `Các bộ, cơ quan ngang bộ`.
    let group = c.agencies().iter().find(|a| a.key == "cac-bo-co-quan-ngang-bo").unwrap();
    let ministries = c.agencies().iter().filter(|a| {
        a.scope == Level::Central
            && a.kind == AgencyKind::Body
            && a.key.starts_with("bo-")
            && a.key != "bo-chinh-tri"
    });
    assert_eq!(ministries.clone().count(), 14 + 6);
    for m in ministries {
        assert!(group.members.contains(&m.key), "{} is not a member of {}", m.key, group.key);
    }
    for k in ["ngan-hang-nha-nuoc-viet-nam", "thanh-tra-chinh-phu", "van-phong-chinh-phu", "uy-ban-dan-toc"] {
        assert!(group.members.iter().any(|m| m == k), "{k}");
    }
    assert_eq!(group.members.len(), 14 + 3 + 7);
}

#[test]
fn ministries_as_restructured_in_2025_with_their_predecessors() {
    let c = tables();
    let current: Vec<&str> = c
        .agencies()
        .iter()
        .filter(|a| a.source.as_deref() == Some("nq-176-2025-qh15") && a.kind == AgencyKind::Body)
        .filter(|a| a.name.starts_with("Bộ "))
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(current.len(), 14, "{current:?}");
    for (old, new) in [
        ("Bộ Kế hoạch và Đầu tư", "bo-tai-chinh"),
        ("Bộ Thông tin và Truyền thông", "bo-khoa-hoc-va-cong-nghe"),
        ("Bộ Tài nguyên và Môi trường", "bo-nong-nghiep-va-moi-truong"),
        ("Bộ Nông nghiệp và Phát triển nông thôn", "bo-nong-nghiep-va-moi-truong"),
        ("Bộ Giao thông vận tải", "bo-xay-dung"),
        ("Bộ Lao động - Thương binh và Xã hội", "bo-noi-vu"),
        ("Ủy ban Dân tộc", "bo-dan-toc-va-ton-giao"),
    ] {
        let a = c.agencies().iter().find(|a| a.name == old).unwrap_or_else(|| panic!("{old} missing"));
        assert_eq!(a.successor.as_deref(), Some(new), "{old}");
        assert_eq!(a.successor_since.map(|d| d.to_string()).as_deref(), Some("2025-03-01"));
    }
}

#[test]
fn abbreviations_and_spellings_plans_write_resolve() {
    let c = tables();
    let cases = [
        ("Bộ NN&MT", "vn", "vn/bo-nong-nghiep-va-moi-truong"),
        ("Bộ NN & MT", "vn", "vn/bo-nong-nghiep-va-moi-truong"),
        ("Bộ Nông nghiệp - Môi trường", "vn", "vn/bo-nong-nghiep-va-moi-truong"),
        ("Bộ KH&CN", "vn", "vn/bo-khoa-hoc-va-cong-nghe"),
        ("Bộ KHCN", "vn", "vn/bo-khoa-hoc-va-cong-nghe"),
        ("Bộ Khoa học và công nghệ", "vn", "vn/bo-khoa-hoc-va-cong-nghe"),
        ("Bộ TC", "vn", "vn/bo-tai-chinh"),
        ("Bộ Văn hoá, Thể thao và Du lịch", "vn", "vn/bo-van-hoa-the-thao-va-du-lich"),
        ("Bộ LĐTBXH", "vn", "vn/bo-lao-dong-thuong-binh-va-xa-hoi"),
        ("Bộ TT&TT", "vn", "vn/bo-thong-tin-va-truyen-thong"),
        ("NHNN", "vn", "vn/ngan-hang-nha-nuoc-viet-nam"),
        ("VPCP", "vn", "vn/van-phong-chinh-phu"),
        ("Bộ Nội Vụ:", "vn", "vn/bo-noi-vu"),
        ("Sở KH&CN", "ha-noi", "ha-noi/so-khoa-hoc-va-cong-nghe"),
        ("Sở NN&MT", "dong-thap", "dong-thap/so-nong-nghiep-va-moi-truong"),
        ("Sở VHTTDL", "can-tho", "can-tho/so-van-hoa-the-thao-va-du-lich"),
        ("Sở GD&ĐT", "bac-ninh", "bac-ninh/so-giao-duc-va-dao-tao"),
        ("Sở Y tế tỉnh Quảng Ninh", "quang-ninh", "quang-ninh/so-y-te"),
        ("UBND tỉnh", "quang-ninh", "quang-ninh/ubnd-tinh"),
        ("Uỷ ban nhân dân Thành phố Hồ Chí Minh", "ho-chi-minh", "ho-chi-minh/ubnd-tinh"),
        ("Công an Thành phố", "ho-chi-minh", "ho-chi-minh/cong-an-tinh"),
        ("Các Sở, ban, ngành Thành phố", "ho-chi-minh", "ho-chi-minh/cac-so-ban-nganh"),
        // A local body named with its province in a national text is that province's.
        ("UBND thành phố Hà Nội", "vn", "ha-noi/ubnd-tinh"),
        ("UBND TP.HCM", "vn", "ho-chi-minh/ubnd-tinh"),
        // Groups, with the qualifiers plans add.
        ("Các bộ, cơ quan ngang bộ", "vn", "vn/cac-bo-co-quan-ngang-bo"),
        ("các Bộ, ngành liên quan", "vn", "vn/cac-bo-co-quan-ngang-bo-co-quan-thuoc-chinh-phu"),
        ("Các bộ, cơ quan, địa phương, đơn vị có liên quan", "vn", "vn/cac-bo-nganh-dia-phuong"),
        ("các bộ, ngành, địa phương khác có liên quan", "vn", "vn/cac-bo-nganh-dia-phuong"),
        ("UBND các tỉnh/thành phố", "vn", "vn/ubnd-cac-tinh"),
        ("UBND xã, phường, đặc khu", "ha-noi", "ha-noi/ubnd-cac-xa"),
        ("UBND cấp xã", "ha-noi", "ha-noi/ubnd-xa"),
        ("Mặt trận Tổ quốc Việt Nam", "vn", "vn/uy-ban-trung-uong-mat-tran-to-quoc-viet-nam"),
    ];
    let mut wrong = Vec::new();
    for (written, j, want) in cases {
        let r = c.resolve_agency(written, j);
        if !r.known || r.id != want {
            wrong.push(format!("{written:?} in {j}: {} (known: {}), want {want}", r.id, r.known));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Not every string is an agency.
    assert!(!c.resolve_agency("Trung tâm tài chính quốc tế", "vn").known);
    assert!(!c.resolve_agency("13", "vn").known);
}

fn provinces(c: &Corpus) -> Vec<&Jurisdiction> {
    c.jurisdictions().iter().filter(|j| j.level == Level::Province).collect()
}

#[test]
fn jurisdictions_34_after_the_merger_and_63_before() {
    let c = tables();
    let ps = provinces(&c);
    let current: Vec<_> = ps.iter().filter(|j| j.successor.is_none()).collect();
    assert_eq!(current.len(), 34);
    // 63 before 1 July 2025: the 34 and the 29 merged into them (Thừa Thiên
    // Huế had become Huế on 1 January 2025).
    let merged_2025: Vec<_> = ps
        .iter()
        .filter(|j| j.successor_since.map(|d| d.to_string()).as_deref() == Some("2025-07-01"))
        .collect();
    assert_eq!(merged_2025.len(), 29);
    for j in &ps {
        if let Some(s) = &j.successor {
            let succ =
                c.jurisdiction(s).unwrap_or_else(|| panic!("{}: successor {s} is not in the table", j.id));
            assert!(succ.successor.is_none(), "{}: successor {s} was itself merged", j.id);
            assert!(j.successor_since.is_some() && j.successor_basis.is_some(), "{}", j.id);
        }
    }
    for (old, new) in [
        ("thai-binh", "hung-yen"),
        ("ba-ria-vung-tau", "ho-chi-minh"),
        ("long-an", "tay-ninh"),
        ("ha-nam", "ninh-binh"),
    ] {
        assert_eq!(c.jurisdiction(old).unwrap().successor.as_deref(), Some(new), "{old}");
    }
    // Names and aliases are unique once folded, so a name typed by a user
    // names one jurisdiction.
    let mut seen = HashMap::new();
    for j in c.jurisdictions() {
        for n in std::iter::once(&j.name).chain(&j.aliases) {
            if let Some(other) = seen.insert(fold(n), j.id.clone()) {
                panic!("{n:?} of {} folds like a name of {other}", j.id);
            }
        }
    }
    let hcm = c.jurisdiction("ho-chi-minh").unwrap();
    assert_eq!(hcm.name, "Thành phố Hồ Chí Minh");
    assert!(hcm.aliases.iter().any(|a| a == "TP.HCM"));
}

#[test]
fn with_groups_finds_rows_given_to_all_ministries_in_a_real_resolution() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/texts/nq-122-nq-cp-2026.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let mut corpus = Corpus::new();
    let tables = Corpus::new();
    for d in extract_all(&text, &ExtractOptions::new(path).corpus(&tables)).unwrap() {
        corpus.add(d);
    }
    let graph = LineageGraph::build(corpus);
    let own = graph.task_refs(&TaskFilter::new().agency("Bộ Tư pháp"));
    let all = graph.task_refs(&TaskFilter::new().agency("Bộ Tư pháp").with_groups(true));
    let via: Vec<&str> = all.iter().filter_map(|t| t.via_group).collect();
    assert!(!own.is_empty(), "Bộ Tư pháp leads rows of its own");
    assert!(via.len() >= 5, "{} rows through a group: {via:?}", via.len());
    assert_eq!(all.len(), own.len() + via.len());
    let c = graph.corpus();
    for g in &via {
        let r = c.resolve_agency(g, "vn");
        assert!(c.agency_members(&r).iter().any(|m| m == "bo-tu-phap"), "{g} -> {}", r.id);
    }
    // Rows given to all ministries are among them.
    assert!(via.iter().any(|g| c.resolve_agency(g, "vn").id == "vn/cac-bo-co-quan-ngang-bo"), "{via:?}");
    // A province's People's Committee is found through the groups of all provinces.
    let ubnd = graph.task_refs(&TaskFilter::new().agency("UBND tỉnh").with_groups(true));
    assert!(ubnd.iter().any(|t| t.via_group.is_some()));
}

#[test]
fn older_tables_load_and_a_dangling_source_is_refused() {
    let dir = std::env::temp_dir().join(format!("registry-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |json: &str| std::fs::write(dir.join("agencies.json"), json).unwrap();
    // The format before sources: still read.
    write(
        r#"{"format": "directive-lineage/agencies@1", "agencies": [
            {"key": "so-y-te", "name": "Sở Y tế", "kind": "body", "scope": "province"}]}"#,
    );
    let c = Corpus::load(&dir).unwrap();
    assert!(c.resolve_agency("Sở Y tế", "x").known);
    write(
        r#"{"format": "directive-lineage/agencies@1", "sources": [{"id": "a", "title": "A"}], "agencies": [
            {"key": "so-y-te", "name": "Sở Y tế", "kind": "body", "scope": "province", "source": "b"}]}"#,
    );
    let e = Corpus::load(&dir).unwrap_err().to_string();
    assert!(e.contains("so-y-te") && e.contains("source b") && e.contains("`sources`: a"), "{e}");
    write(
        r#"{"format": "directive-lineage/agencies@1", "agencies": [
            {"key": "so-y-te", "name": "Sở Y tế", "kind": "body", "scope": "province", "successor": "nowhere"}]}"#,
    );
    let e = Corpus::load(&dir).unwrap_err().to_string();
    assert!(e.contains("successor nowhere"), "{e}");
    // Unknown keys are still refused.
    write(
        r#"{"format": "directive-lineage/agencies@1", "agencies": [
            {"key": "so-y-te", "name": "Sở Y tế", "kind": "body", "scope": "province", "sauce": "b"}]}"#,
    );
    assert!(Corpus::load(&dir).unwrap_err().to_string().contains("unknown field `sauce`"));
    std::fs::remove_dir_all(&dir).ok();
}
