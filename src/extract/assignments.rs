//! Stage 6: task assignments. Agencies from table columns (read in
//! [`tables`](super::tables)), from labelled fields (`Cơ quan chủ trì: Bộ Tư
//! pháp.`), from prose (`X chủ trì, phối hợp với Y`, `Giao X chủ trì`, `X phối
//! hợp với Y`); deadlines written inline (`Thời gian thực hiện: Cả năm 2024.`).

use std::sync::LazyLock;

use regex::Regex;

use crate::model::deadline::{Deadline, DeadlineKind};
use crate::model::{Assignment, Role};
use crate::text::fold;

/// Folded words that open the name of a body or a group of bodies whatever
/// the case of the next word.
const GROUP_HEADS: &[&str] = &[
    "cac bo",
    "cac so",
    "cac co quan",
    "cac co so",
    "cac don vi",
    "cac dia phuong",
    "cac to chuc",
    "cac ban",
    "cac phong",
    "cac benh vien",
    "cac trung tam",
    "cac hoi",
    "cac doan the",
    "cac nganh",
    "cac tinh",
    "cac tap doan",
    "cac tong cong ty",
    "cac cap",
    "cac cac so",
    "so, ban, nganh",
    "bo, nganh",
    "so, nganh",
    "ubnd",
    "uy ban",
    "hdnd",
    "hoi dong nhan dan",
    "bao hiem xa hoi",
    "bhxh",
    "nguoi dung dau",
    "thu truong",
    "chu tich",
    "giam doc",
    "van phong",
    "thanh tra",
    "toa an",
    "vien kiem sat",
    "kiem toan",
    "ngan hang",
    "cong an",
    "bo chi huy",
    "mat tran",
    "lien doan",
    "tinh doan",
    "tinh uy",
    "huyen uy",
    "tong cuc",
    "chi cuc",
    "bo doi",
    "trung tam",
    "benh vien",
];

/// Words that open the name of a body only when the next word is
/// capitalised (`Bộ Tư pháp` but not `Bộ chỉ số`, `Sở Y tế`, `Ban Chỉ đạo`).
const NAME_HEADS: &[&str] = &[
    "bo",
    "so",
    "ban",
    "dai",
    "phong",
    "cuc",
    "hoi",
    "vien",
    "truong",
    "doan",
    "co quan",
    "tap doan",
    "tong cong ty",
];

/// Heads that name no body until a name follows (`Thanh tra` / `Chính
/// phủ`, `Ủy ban` / `Công tác ...`), besides [`NAME_HEADS`].
const BARE_HEADS: &[&str] = &[
    "thanh tra",
    "uy",
    "uy ban",
    "van phong",
    "toa an",
    "vien kiem sat",
    "ngan hang",
    "mat tran",
    "tong cuc",
    "chi cuc",
];

/// Whether folded `f` is only the head of a name (`bộ`, `thanh tra`,
/// `ủy ban`): a narrow cell broke the name after it.
pub(crate) fn is_bare_head(f: &str) -> bool {
    let f = f.trim_end_matches([',', ' ']);
    NAME_HEADS.contains(&f) || BARE_HEADS.contains(&f)
}

/// True when `s` starts with the name of an agency or agency group.
pub(crate) fn is_agency_start(s: &str) -> bool {
    let s = s.trim_start_matches(|c: char| c == '-' || c == '+' || c.is_whitespace());
    // Only the first words matter.
    let s = match s.char_indices().nth(48) {
        Some((k, _)) => &s[..k],
        None => s,
    };
    is_agency_start_folded(s, &fold(s))
}

/// [`is_agency_start`] with the fold of `s` given.
pub(crate) fn is_agency_start_folded(s: &str, f: &str) -> bool {
    let s = s.trim_start_matches(|c: char| c == '-' || c == '+' || c.is_whitespace());
    let f = f.trim_start_matches(|c: char| c == '-' || c == '+' || c.is_whitespace());
    let head =
        |h: &str| f.strip_prefix(h).is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_alphanumeric()));
    if GROUP_HEADS.iter().any(|h| head(h)) {
        // `các` groups may be lower case; named bodies must be capitalised.
        return s.chars().next().is_some_and(|c| c.is_uppercase()) || f.starts_with("cac ");
    }
    if !s.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    for h in NAME_HEADS {
        if f.strip_prefix(h).is_some_and(|r| r.starts_with(' ')) {
            let n = h.split(' ').count();
            return s
                .split_whitespace()
                .nth(n)
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
        }
    }
    false
}

/// Whether a listed piece names the members or units of the body before
/// it (`các tổ chức thành viên`, `các đơn vị trực thuộc`).
fn is_members(p: &str) -> bool {
    let f = fold(p);
    f.starts_with("cac ") && (f.ends_with(" thanh vien") || f.ends_with(" truc thuoc"))
}

/// Whether a listed piece is a body's acronym alone (`VTV`, `TTXVN`).
fn is_acronym(p: &str) -> bool {
    (2..=6).contains(&p.chars().count()) && p.chars().all(|c| c.is_uppercase())
}

/// Whether the bracket opening before `rest` names a unit (`Trung tâm Dữ
/// liệu quốc gia)`) rather than a note or a part number (`1)`).
fn bracketed_unit(rest: &str) -> bool {
    rest.find(')')
        .map(|e| rest[..e].trim())
        .is_some_and(|u| u.chars().count() <= 60 && !u.contains(['(', ',', ';']) && is_agency_start(u))
}

/// Splits a cell or phrase naming agencies into the agencies, on `;`, `,`,
/// `/` and `và`, keeping group names whole: a piece that does not itself
/// start an agency name (`thị xã`, `ngành`, `Thể thao và Du lịch`) belongs
/// to the one before. Scope notes in brackets are dropped.
///
/// ```
/// use directive_lineage::split_agencies;
/// assert_eq!(
///     split_agencies("Sở Y tế, các sở, ngành, cơ quan, đơn vị liên quan, UBND các huyện, thị xã, thành phố"),
///     ["Sở Y tế", "các sở, ngành, cơ quan, đơn vị liên quan", "UBND các huyện, thị xã, thành phố"]
/// );
/// assert_eq!(split_agencies("Sở Y tế/ UBND các huyện, thị xã, thành phố"),
///            ["Sở Y tế", "UBND các huyện, thị xã, thành phố"]);
/// assert_eq!(split_agencies("Sở Kế hoạch và Đầu tư"), ["Sở Kế hoạch và Đầu tư"]);
/// ```
pub fn split_agencies(cell: &str) -> Vec<String> {
    // Drop bracketed notes: `Bộ Tư pháp (đối với các nội dung ...)`; keep a
    // unit named in brackets: `Bộ Công an (Trung tâm Dữ liệu quốc gia)`.
    let mut clean = String::with_capacity(cell.len());
    let mut depth = 0usize;
    for (i, c) in cell.char_indices() {
        match c {
            '(' if depth == 0 && bracketed_unit(&cell[i + 1..]) => clean.push(c),
            '(' => depth += 1,
            ')' if depth == 0 => clean.push(c),
            ')' => depth -= 1,
            _ if depth == 0 => clean.push(c),
            _ => {}
        }
    }
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: Vec<String> = Vec::new();
    for hard in clean.split(';') {
        // Soft separators: `,`, `/`, ` và `; pieces as byte ranges of `hard`.
        let pieces = soft_pieces(hard);
        // Start of the current group, end of its last piece.
        let mut group: Option<(usize, usize)> = None;
        for &(s0, e0) in &pieces {
            let piece = &hard[s0..e0];
            let lead = piece.len() - piece.trim_start().len();
            let mut p = piece.trim();
            let mut s = s0 + lead;
            // `và các sở` after a comma: the `và` is kept out.
            if let Some(r) = p.strip_prefix("và ") {
                s += 4;
                p = r;
            }
            if p.is_empty() {
                continue;
            }
            // `Mặt trận Tổ quốc Việt Nam và các tổ chức thành viên`: the
            // members named after `và` are the body's own.
            let members = hard[..s0].ends_with(" và ") && is_members(p);
            match group {
                Some((gs, ge)) if (is_agency_start(p) || is_acronym(p)) && !members => {
                    out.push(hard[gs..ge].to_string());
                    group = Some((s, e0));
                }
                Some((gs, _)) => group = Some((gs, e0)),
                None => group = Some((s, e0)),
            }
        }
        if let Some((gs, ge)) = group {
            out.push(hard[gs..ge].to_string());
        }
    }
    out.into_iter()
        .map(|a| a.trim().trim_end_matches(['.', ',', ';', ':']).trim().to_string())
        .filter(|a| !a.is_empty())
        .collect()
}

/// The pieces of `hard` between soft separators (`,`, `/`, ` và `), as
/// byte ranges. The next hit of each separator is kept and searched for
/// again only once passed, so a list of 100,000 names is not searched to its
/// end for every piece.
fn soft_pieces(hard: &str) -> Vec<(usize, usize)> {
    const SEPS: [&str; 3] = [",", "/", " và "];
    // Next hit of each separator at or after `at`; `None` once there is none.
    let mut next: [Option<usize>; 3] = SEPS.map(|sep| hard.find(sep));
    let mut pieces = Vec::new();
    let mut at = 0;
    loop {
        let mut best: Option<(usize, usize)> = None;
        for (k, sep) in SEPS.iter().enumerate() {
            if next[k].is_some_and(|p| p < at) {
                next[k] = hard[at..].find(sep).map(|p| at + p);
            }
            // The first separator wins a tie, as `min_by_key` did.
            if let Some(p) = next[k].filter(|&p| best.is_none_or(|(b, _)| p < b)) {
                best = Some((p, sep.len()));
            }
        }
        match best {
            Some((p, n)) => {
                pieces.push((at, p));
                at = p + n;
            }
            None => {
                pieces.push((at, hard.len()));
                return pieces;
            }
        }
    }
}

/// Names already listed, compared folded: a set, so that a list of
/// thousands of agencies is not compared name by name with all before it.
#[derive(Debug, Default)]
pub(crate) struct Seen(std::collections::HashSet<String>);

impl Seen {
    /// True when `name` (folded) was not seen before; it is now.
    pub fn insert(&mut self, name: &str) -> bool {
        self.0.insert(fold(name))
    }
}

/// Assignments for a list of agencies in one role.
pub(crate) fn assign(agencies: &[String], role: Role) -> Vec<Assignment> {
    agencies.iter().map(|a| Assignment { agency: a.clone(), role, deadline: None, completed: None }).collect()
}

/// Verbs and words that end an agency list in prose (`phối hợp với Sở Y tế
/// hướng dẫn ...`).
const LIST_END: &[&str] = &[
    " để ",
    " khẩn trương",
    " tổ chức ",
    " triển khai",
    " thực hiện",
    " hướng dẫn",
    " nghiên cứu",
    " theo ",
    " tham mưu",
    " chủ động",
    " tăng cường",
    " xây dựng",
    " kịp thời",
    " rà soát",
    " giải quyết",
    " tổng hợp",
    " báo cáo",
    " tập trung",
    " đôn đốc",
    " kiểm tra",
    " thống nhất",
    " trong ",
    " tại ",
    " nhằm ",
    " chịu ",
    " có trách nhiệm",
    " tuyên truyền",
    " đề xuất",
    " bảo đảm",
    " đảm bảo",
    " phổ biến",
    " vận động",
    " giám sát",
    " nghiêm túc",
    " tiếp tục",
    " tổng kết",
    " đánh giá",
    " theo dõi",
    " ban hành",
    " cắt giảm",
    " hoàn thành",
    " hoàn thiện",
    " đẩy mạnh",
    " nâng cao",
    " quán triệt",
    " bố trí",
];

/// The agencies of a table cell or a labelled field, names only: role and
/// scope words written beside them are dropped (`Bộ Tư pháp chủ trì hướng
/// dẫn, tổng hợp` → `Bộ Tư pháp`; `các địa phương theo chức năng, nhiệm vụ
/// được giao` → `các địa phương`), numbered and bulleted parts read one by
/// one, and a shared head (`Các Bộ: Tài chính, Xây dựng`) kept whole.
pub(crate) fn cell_agencies(cell: &str) -> Vec<String> {
    static PART: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|\s)(?:\d{1,2}\.|\(\d{1,2}\)|[-+•])\s+").unwrap());
    let mut out: Vec<String> = Vec::new();
    let mut seen = Seen::default();
    // Whether the last part went on as a sentence after its names: a piece
    // after `;` that starts in lower case goes on with that sentence
    // (`Bộ Tư pháp tổng hợp ...; chủ trì, phối hợp với Bộ Nội vụ ...`).
    let mut sentence = false;
    for hard in cell.split([';', '\n']) {
        for (k, part) in PART.split(hard).enumerate() {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            if k == 0 && sentence && part.starts_with(char::is_lowercase) && !is_agency_start(part) {
                continue;
            }
            let names = role_cut(part);
            sentence = names.len() + 2 < part.len();
            let shared = names
                .find(':')
                .is_some_and(|p| is_agency_start(&names[..p]) && names[..p].split_whitespace().count() <= 3);
            let found = if shared {
                vec![names.trim_end_matches(['.', ',']).to_string()]
            } else {
                split_agencies(&names)
            };
            for a in found {
                if seen.insert(&a) {
                    out.push(a);
                }
            }
        }
    }
    out
}

/// `part` up to the first role or scope word, when a name comes before it.
/// Words after an agency's name in a cell that say its role or scope
/// (`Bộ Khoa học và Công nghệ với các tiêu chuẩn …`, `Bộ Tài chính đối với
/// …`, `Bộ Tài chính trình Chính phủ`, `Bộ Công an sẽ …`): not its name.
const ROLE_WORDS: &[&str] = &[
    " chủ trì",
    " phối hợp",
    " lập,",
    " đôn đốc",
    " đầu mối",
    " đối với ",
    " với các ",
    " sẽ ",
    " phải ",
    " trình Chính phủ",
    " trình Thủ tướng",
    " trình cấp",
    " thẩm định",
];

fn role_cut(part: &str) -> String {
    let mut end = part.len();
    for w in LIST_END.iter().chain(DUTY_SCOPE).chain(ROLE_WORDS) {
        // After a comma the word is one more item of the list.
        if let Some((p, _)) =
            part.match_indices(w).find(|(p, _)| ends_list(&part[..*p]) && !part[..*p].ends_with(','))
        {
            if p > 0 && is_agency_start(&part[..p]) {
                end = end.min(p);
            }
        }
    }
    // A sentence after the names: `Bộ Tài chính tổng kết ... (trong Quý II). `.
    part[..end].trim().trim_end_matches([',', '.']).to_string()
}

/// Where the agency list of a duty heading ends and its scope begins.
const DUTY_SCOPE: &[&str] = &[
    " căn cứ",
    ", căn cứ",
    " theo chức năng",
    ", theo chức năng",
    " trong phạm vi",
    " có trách nhiệm",
    ", chủ động",
    " chủ động",
];

/// The agencies a duty heading names, with those it cooperates with: `Sở Y
/// tế`, `Bộ Tài chính chủ trì, phối hợp với các cơ quan, địa phương:`, `Các
/// bộ, cơ quan, địa phương căn cứ chức năng, nhiệm vụ, quyền hạn được
/// giao:`, `Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố`, `Trách
/// nhiệm của các bộ, cơ quan ngang bộ`. `None`
/// when the heading does not open with an agency or goes on as a sentence.
pub(crate) fn duty_head(heading: &str) -> Option<(String, Vec<String>)> {
    let h = heading.trim();
    let listed = h.ends_with(':');
    let h = h.trim_end_matches([':', '.', ' ']);
    let h = ["Đề nghị ", "Giao ", "Trách nhiệm của ", "Nhiệm vụ của ", "Trách nhiệm ", "Nhiệm vụ "]
        .iter()
        .find_map(|p| h.strip_prefix(p))
        .unwrap_or(h);
    if !is_agency_start(h) || h.chars().count() > 200 {
        return None;
    }
    let mut end = h.len();
    for w in DUTY_SCOPE.iter().chain([" chủ trì", ", phối hợp", " phối hợp"].iter()) {
        if let Some(p) = h.find(w) {
            end = end.min(p);
        }
    }
    let scoped = end < h.len();
    // A heading without a scope or a list colon must be names only.
    if !scoped && !listed && !verb_cut(h).0.eq(h) {
        return None;
    }
    let lead = h[..end].trim().trim_end_matches(',').to_string();
    let coop = match h.find("phối hợp với ") {
        Some(p) => split_agencies(&leading_list(&h[p + "phối hợp với ".len()..])),
        None => Vec::new(),
    };
    (!lead.is_empty()).then_some((lead, coop))
}

/// The agencies a duty works with: `Chủ trì, phối hợp với Sở Tư pháp và
/// các cơ quan liên quan tổ chức ...`, `... phối hợp với Sở Y tế xây dựng`.
pub(crate) fn duty_partners(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen = Seen::default();
    for (p, _) in text.match_indices("hối hợp với ") {
        let rest = &text[p + "hối hợp với ".len()..];
        for a in split_agencies(&leading_list(rest)) {
            if is_agency_start(&a) && seen.insert(&a) {
                out.push(a);
            }
        }
    }
    out
}

/// The agencies a section's title gives duties to: `NHIỆM VỤ CỦA CÁC BỘ,
/// NGÀNH, ĐỊA PHƯƠNG TRONG TRIỂN KHAI ĐỀ ÁN` → `CÁC BỘ, NGÀNH, ĐỊA PHƯƠNG`,
/// as printed. The names end where the title says what the duties are for.
pub(crate) fn title_agencies(heading: &str) -> Option<String> {
    const OPENINGS: &[&[&str]] =
        &[&["nhiem", "vu", "cua"], &["trach", "nhiem", "cua"], &["phan", "cong", "nhiem", "vu", "cho"]];
    const SCOPE: &[&str] =
        &["trong", "trien", "thuc", "ve", "de", "nam", "giai", "theo", "tai", "nham", "doi", "thi"];
    let words: Vec<&str> = heading.split_whitespace().take(40).collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let opening =
        OPENINGS.iter().find(|o| o.len() < folded.len() && o.iter().zip(&folded).all(|(a, b)| a == b))?;
    let names: Vec<&str> = words[opening.len()..]
        .iter()
        .zip(&folded[opening.len()..])
        .take_while(|(_, f)| !SCOPE.contains(&f.trim_matches(|c: char| !c.is_alphanumeric())))
        .map(|(w, _)| *w)
        .collect();
    let names = names.join(" ");
    let names = names.trim_end_matches([',', ':', '.', ' ']);
    (is_agency_start(names) && !names.is_empty()).then(|| names.to_string())
}

static DUTY_DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[Tt]rước ngày \d{1,2}(?:/| tháng )\d{1,2}(?:/| năm )\d{4}|[Tt]rong (?:[Tt]háng \d{1,2}(?:/| năm )\d{4}|[Qq]uý [IV]{1,3}(?:/| năm )\d{4}))").unwrap()
});

/// The addressee an item opens with, `Đối với X: …`, when X is an agency
/// or a group of them (`các đơn vị đã xây dựng cơ sở dữ liệu quốc gia`).
pub(crate) fn addressee(text: &str) -> Option<String> {
    let rest = ["Đối với ", "đối với "].iter().find_map(|p| text.strip_prefix(p))?;
    let (x, _) = rest.split_once(':')?;
    let x = x.trim();
    (x.chars().count() <= 120 && is_agency_start(x)).then(|| x.to_string())
}
/// Times a duty sentence may give when it gives no date: a year, an event.
static DUTY_YEAR_OR_EVENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[Tt]rong năm \d{4}|[Nn]gay sau khi [^.;\n]{5,120}").unwrap());

/// The time a duty written as prose is due: a time in brackets at its end
/// (`(từ Quý IV/2024)`), else the first of `trước ngày 15 tháng 5 năm
/// 2026`, `trong quý II năm 2026` the text gives.
pub(crate) fn duty_deadline(text: &str) -> Option<Deadline> {
    // A time in brackets closing the duty: `... (hoàn thành trong Quý IV/2023).`
    let t = text.trim_end().trim_end_matches(['.', ';']);
    if let Some(open) = t.strip_suffix(')').and_then(|b| b.rfind('(').map(|p| &b[p + 1..])) {
        let d = Deadline::parse(open.trim());
        if d.kind() != DeadlineKind::Unspecified && open.chars().count() < 80 {
            return Some(d);
        }
    }
    let m = DUTY_DEADLINE
        .find(text)
        .or_else(|| DUTY_YEAR_OR_EVENT.find_iter(text).find(|m| !target_year(text, m)))?;
    let d = Deadline::parse(m.as_str());
    (d.kind() != DeadlineKind::Unspecified).then_some(d)
}

/// Whether the year `m` is not a time at all: part of a longer number
/// (`năm 2026-2030`), or the period of a target (`phấn đấu tiết kiệm 3%
/// trong năm 2026`) rather than a time to finish by.
fn target_year(text: &str, m: &regex::Match) -> bool {
    if !m.as_str().ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    if text[m.end()..].starts_with(|c: char| c.is_ascii_digit() || c == '/' || c == '-') {
        return true;
    }
    let start = text[..m.start()].rfind(['.', ';']).map_or(0, |p| p + 1);
    let end = text[m.end()..].find(['.', ';']).map_or(text.len(), |p| m.end() + p);
    let clause = &text[start..end];
    clause.contains('%') || fold(clause).contains("phan dau")
}

/// The agency list that starts `s`, cut where the sentence goes on.
fn leading_list(s: &str) -> String {
    verb_cut(s).0
}

/// Whether a list-ending word after `before` is a verb: `các tổ chức chính
/// trị - xã hội` is a group, not the verb `tổ chức`.
fn ends_list(before: &str) -> bool {
    !before.ends_with("các") && !before.ends_with("Các") && !before.ends_with("đầu tư")
}

/// The agency list that starts `s` and whether a verb (rather than
/// punctuation or the end) ended it.
fn verb_cut(s: &str) -> (String, bool) {
    let s = s.trim_start();
    let punct = s.find(['.', ';', ':', '(']).unwrap_or(s.len());
    let mut end = punct;
    for w in LIST_END {
        if let Some((p, _)) = s.match_indices(w).find(|(p, _)| ends_list(&s[..*p])) {
            end = end.min(p);
        }
    }
    (s[..end].trim().trim_end_matches(',').to_string(), end < punct)
}

/// The agency named at the end of `s` (the subject before `chủ trì`).
fn trailing_agency(s: &str) -> Option<String> {
    let s = s.trim_end().trim_end_matches(',').trim_end();
    // The subject starts at the last sentence break, or at `giao`/`đề nghị`.
    let start = s.rfind(['.', ';', ':']).map_or(0, |p| p + 1);
    let mut subj = s[start..].trim();
    for lead in ["UBND tỉnh giao ", "Ủy ban nhân dân tỉnh giao ", "Giao ", "giao ", "Đề nghị ", "đề nghị "]
    {
        if let Some(p) = subj.find(lead) {
            subj = subj[p + lead.len()..].trim();
        }
    }
    is_agency_start(subj).then(|| subj.to_string())
}

/// A labelled field, in the spellings plans use: `Cơ quan chủ trì:`, `Đơn
/// vị chủ trì tham mưu thực hiện:`, `Đơn vị phối hợp thực hiện:`, `Cơ quan
/// thực hiện:`, `- Đơn vị chủ trì:`, `Thời gian thực hiện:`.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|\n)\s*(?:\d{1,2}\.\s*|[a-zđ]\)\s*|[-+]\s*)?(?P<label>(?:cơ quan|đơn vị)(?:,? (?:đơn vị|chủ trì|phối hợp|tham mưu|thực hiện))+|thời gian (?:dự kiến )?(?:hoàn thành|thực hiện)|thời hạn(?: hoàn thành| thực hiện)?|tiến độ(?: thực hiện)?)[ \t]*:[ \t]*(?P<value>[^\n]*)")
        .unwrap()
});

/// Whether a line is a labelled field of a task (see [`LABEL`]).
pub(crate) fn is_field_line(t: &str) -> bool {
    t.contains(':') && LABEL.find(t).is_some_and(|m| m.start() == 0)
}

/// What prose and labelled fields of one clause say.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub assignments: Vec<Assignment>,
    pub deadline: Option<Deadline>,
}

/// Reads the assignments and deadline in a clause's text.
pub(crate) fn read(text: &str, subject_verb: bool) -> Found {
    let mut found = Found::default();
    let mut labelled = false;
    let labels = if text.contains(':') { LABEL.captures_iter(text).collect() } else { Vec::new() };
    for c in labels {
        let label = fold(&c["label"]);
        let value = c["value"].trim();
        let agencies = || cell_agencies(value.trim_end_matches('.'));
        if label.contains("phoi hop") {
            found.assignments.extend(assign(&agencies(), Role::Cooperating));
            labelled = true;
        } else if label.starts_with("co quan") || label.starts_with("don vi") {
            found.assignments.extend(assign(&agencies(), Role::Lead));
            labelled = true;
        } else if found.deadline.is_none() && !value.is_empty() {
            // The label says this is the time: kept as written even when its
            // form is not understood.
            found.deadline = Some(Deadline::parse(value.trim_end_matches('.')));
        }
    }
    if found.deadline.is_none() {
        found.deadline = inline_deadline(text);
    }
    if !labelled {
        found.assignments = prose_with(text, subject_verb);
    }
    found
}

static INLINE_DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:Thời gian|Thời hạn|thời gian|thời hạn)\s+(?:hoàn thành|thực hiện)[^.;\n]*|(?:[Hh]oàn thành)\s+(?:chậm nhất|trong|trước|khi)[^.;\n]*")
        .unwrap()
});

/// A deadline written in a sentence: `hoàn thành chậm nhất trong quý I năm
/// 2024`, `Thời gian hoàn thành trong tháng 02/2024`.
pub(crate) fn inline_deadline(text: &str) -> Option<Deadline> {
    if !["oàn thành", "hời gian", "hời hạn"].iter().any(|w| text.contains(w)) {
        return None;
    }
    for m in INLINE_DEADLINE.find_iter(text) {
        let raw = m.as_str().trim().trim_end_matches([',', ' ']);
        // `(hoàn thành trong Quý IV/2023)`: the bracket closes around it.
        let raw = if raw.contains('(') { raw } else { raw.trim_end_matches([')', ' ']) };
        // `Thời gian hoàn thành: Trong tháng 01/2024`: the label is not the deadline.
        let raw = match raw.split_once(':') {
            Some((_, v)) if !v.trim().is_empty() => v.trim(),
            _ => raw,
        };
        let d = Deadline::parse(raw);
        if d.kind() != DeadlineKind::Unspecified {
            return Some(d);
        }
    }
    None
}

/// Assignments stated in prose.
pub(crate) fn prose(text: &str) -> Vec<Assignment> {
    prose_with(text, true)
}

/// Assignments stated in prose; `subject_verb` also reads a sentence whose
/// subject is an agency (`Sở Thông tin và Truyền thông hướng dẫn ...`),
/// which in a bullet is usually description rather than assignment.
fn prose_with(text: &str, subject_verb: bool) -> Vec<Assignment> {
    let mut out = Listed::default();
    for sentence in text.split('\n').flat_map(|l| l.split(". ")) {
        let s = sentence.trim();
        if s.is_empty() {
            continue;
        }
        if let Some(rest) = s.strip_prefix("Phối hợp với ") {
            // A sentence without subject goes on with the one before.
            if out.lead {
                out.push(split_agencies(&leading_list(rest)), Role::Cooperating);
            }
            continue;
        }
        if let Some(p) = s.find(" chủ trì") {
            // `X chủ trì, phối hợp với Y ...` / `Giao X chủ trì ...`.
            if let Some(lead) = trailing_agency(&s[..p]) {
                out.push(split_agencies(&lead), Role::Lead);
                let after = &s[p + " chủ trì".len()..];
                let after = after.trim_start_matches([',', ' ']);
                if let Some(rest) =
                    after.strip_prefix("phối hợp với ").or_else(|| after.strip_prefix("và phối hợp với "))
                {
                    out.push(split_agencies(&leading_list(rest)), Role::Cooperating);
                }
                continue;
            }
        }
        if let Some(p) = s.find(" phối hợp với ") {
            // `X phối hợp với Y ...`: Y leads, X cooperates (as curated).
            if let Some(x) = trailing_agency(&s[..p]) {
                let ys = split_agencies(&leading_list(&s[p + " phối hợp với ".len()..]));
                if let Some((first, rest)) = ys.split_first() {
                    out.push(vec![first.clone()], Role::Lead);
                    out.push(split_agencies(&x), Role::Cooperating);
                    out.push(rest.to_vec(), Role::Cooperating);
                    continue;
                }
            }
        }
        // `Đề nghị X ...` / `X hướng dẫn ...`: a sentence whose subject is an
        // agency, followed by what it does.
        let subj = s.strip_prefix("Đề nghị ").or_else(|| s.strip_prefix("Giao ")).unwrap_or(s);
        if subject_verb && is_agency_start(subj) {
            let (list, by_verb) = verb_cut(subj);
            if by_verb && list.split_whitespace().count() <= 16 && !fold(&list).starts_with("thu truong") {
                out.push(split_agencies(&list), Role::Lead);
            }
        }
    }
    out.list
}

/// Assignments gathered in order, each agency once (compared folded).
#[derive(Debug, Default)]
struct Listed {
    list: Vec<Assignment>,
    seen: Seen,
    /// Whether a lead is listed.
    lead: bool,
}

impl Listed {
    fn push(&mut self, names: Vec<String>, role: Role) {
        for n in names {
            if self.seen.insert(&n) {
                self.lead |= role == Role::Lead;
                self.list.push(Assignment { agency: n, role, deadline: None, completed: None });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The search from each piece to the end that `soft_pieces` replaced.
    fn soft_pieces_rescan(hard: &str) -> Vec<(usize, usize)> {
        let mut pieces = Vec::new();
        let mut at = 0;
        loop {
            let rest = &hard[at..];
            let next = [",", "/", " và "]
                .iter()
                .filter_map(|sep| rest.find(sep).map(|p| (p, sep.len())))
                .min_by_key(|(p, _)| *p);
            match next {
                Some((p, n)) => {
                    pieces.push((at, at + p));
                    at += p + n;
                }
                None => {
                    pieces.push((at, hard.len()));
                    return pieces;
                }
            }
        }
    }

    #[test]
    fn soft_pieces_as_the_rescan() {
        for hard in [
            "",
            ",",
            "Sở Y tế",
            "Sở Y tế, Sở Tài chính và các sở, ngành/ UBND",
            " và và , / và",
            "a,,b//c và và d và, e /và f",
            "Bộ Văn hóa, Thể thao và Du lịch, Bộ Tài chính",
        ] {
            assert_eq!(soft_pieces(hard), soft_pieces_rescan(hard), "{hard:?}");
        }
    }

    /// One row per agency cell of the seeds and the gazette sample.
    #[test]
    fn split_table() {
        let rows: &[(&str, &[&str])] = &[
            ("Các sở, ban, ngành, UBND các huyện, thị xã, thành phố", &["Các sở, ban, ngành", "UBND các huyện, thị xã, thành phố"]),
            ("Người đứng đầu các cấp ủy, tổ chức đảng, chính quyền, ngành Y tế", &["Người đứng đầu các cấp ủy, tổ chức đảng, chính quyền, ngành Y tế"]),
            ("Sở Y tế; các sở, ngành, cơ quan, đơn vị liên quan", &["Sở Y tế", "các sở, ngành, cơ quan, đơn vị liên quan"]),
            ("Sở Nội vụ, Sở Tài chính và các sở, ngành, UBND các huyện, thị xã, thành phố", &["Sở Nội vụ", "Sở Tài chính", "các sở, ngành", "UBND các huyện, thị xã, thành phố"]),
            ("Sở Y tế; Sở Kế hoạch và Đầu tư; UBND các huyện, thị xã, thành phố", &["Sở Y tế", "Sở Kế hoạch và Đầu tư", "UBND các huyện, thị xã, thành phố"]),
            ("Sở Tài chính và các sở, ngành, cơ quan, đơn vị liên quan", &["Sở Tài chính", "các sở, ngành, cơ quan, đơn vị liên quan"]),
            ("Sở Nội vụ và các các sở, ngành có liên quan", &["Sở Nội vụ", "các các sở, ngành có liên quan"]),
            ("Sở Nội vụ, các sở, ngành,cơ quan, đơn vị liên quan", &["Sở Nội vụ", "các sở, ngành,cơ quan, đơn vị liên quan"]),
            ("Các sở. ngành có liên quan", &["Các sở. ngành có liên quan"]),
            ("Các sở, ngành cơ quan, đơn vị liên quan", &["Các sở, ngành cơ quan, đơn vị liên quan"]),
            ("Các bộ, cơ quan ngang bộ", &["Các bộ, cơ quan ngang bộ"]),
            ("Các bộ, ngành, UBND tỉnh, thành phố trực thuộc trung ương", &["Các bộ, ngành", "UBND tỉnh, thành phố trực thuộc trung ương"]),
            ("Bộ Văn hóa, Thể thao và Du lịch, Bộ Tài chính, Bộ Nông nghiệp và Môi trường (theo chức năng, nhiệm vụ đã được giao của mỗi cơ quan)", &["Bộ Văn hóa, Thể thao và Du lịch", "Bộ Tài chính", "Bộ Nông nghiệp và Môi trường"]),
            ("Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam và các bộ, ngành, UBND tỉnh, thành phố", &["Đài Truyền hình Việt Nam", "Đài Tiếng nói Việt Nam", "các bộ, ngành", "UBND tỉnh, thành phố"]),
            ("Bộ Tư pháp (đối với các nội dung liên quan đến thủ tục hành chính); Bộ Tài chính (đối với các nội dung liên quan đến điều kiện đầu tư kinh doanh)", &["Bộ Tư pháp", "Bộ Tài chính"]),
            ("Các bộ, ngành.", &["Các bộ, ngành"]),
            // A unit named in brackets is part of the name (qd-2629-qd-ttg-2025).
            ("Bộ Công an (Trung tâm Dữ liệu quốc gia), Bộ Tư pháp (1)", &["Bộ Công an (Trung tâm Dữ liệu quốc gia)", "Bộ Tư pháp"]),
            // A body and its members after `và` (qd-2530-qd-ttg-2025).
            ("Mặt trận Tổ quốc Việt Nam và các tổ chức thành viên", &["Mặt trận Tổ quốc Việt Nam và các tổ chức thành viên"]),
            ("Sở Y tế và các đơn vị trực thuộc, các sở, ngành", &["Sở Y tế và các đơn vị trực thuộc", "các sở, ngành"]),
            // Bodies listed by their acronyms (nq-100-nq-cp-2026).
            ("Ủy ban Công tác về các tổ chức PCPNN, VTV, VOV, TTXVN", &["Ủy ban Công tác về các tổ chức PCPNN", "VTV", "VOV", "TTXVN"]),
        ];
        for (cell, want) in rows {
            assert_eq!(split_agencies(cell), *want, "{cell:?}");
        }
    }

    /// Lead cells that number their parts and say each part's work after
    /// the names (Government resolutions' appendices).
    #[test]
    fn numbered_lead_parts() {
        assert_eq!(
            cell_agencies("1. Bộ Tài chính tổng kết, đánh giá cơ chế (trong Quý II/2026). 2. Bộ Tư pháp, các bộ, cơ quan tham mưu, đề xuất"),
            ["Bộ Tài chính", "Bộ Tư pháp", "các bộ, cơ quan"]
        );
        assert_eq!(
            cell_agencies("1. Bộ Tư pháp tổng hợp, đánh giá việc cắt giảm; chủ trì, phối hợp với Bộ Nội vụ, các địa phương nghiên cứu. 2. Các bộ, cơ quan, địa phương rà soát"),
            ["Bộ Tư pháp", "Các bộ, cơ quan, địa phương"]
        );
        assert_eq!(cell_agencies("Bộ Tài chính đầu mối phối hợp với các cơ quan"), ["Bộ Tài chính"]);
        // A list after `;` that is not a sentence's tail is read.
        assert_eq!(cell_agencies("Sở Y tế; các sở, ngành liên quan"), ["Sở Y tế", "các sở, ngành liên quan"]);
    }

    /// Scope and role words after a name are not the name (2629/QĐ-TTg
    /// I.4, 109/NQ-CP Phụ lục IV), and a list after `;` is read even when
    /// the part before it went on as a phrase.
    #[test]
    fn scope_after_a_name() {
        assert_eq!(
            cell_agencies("Bộ Công an, Bộ Khoa học và Công nghệ với các tiêu chuẩn, quy chuẩn áp dụng chung toàn quốc; các bộ, ngành với các tiêu chuẩn nội ngành"),
            ["Bộ Công an", "Bộ Khoa học và Công nghệ", "các bộ, ngành"]
        );
        assert_eq!(cell_agencies("Bộ Tài chính đối với sàn giao dịch tín chỉ các bon"), ["Bộ Tài chính"]);
        assert_eq!(cell_agencies("Bộ Công an sẽ hướng dẫn"), ["Bộ Công an"]);
        assert_eq!(cell_agencies("Bộ Tài chính trình Chính phủ"), ["Bộ Tài chính"]);
        assert_eq!(cell_agencies("Các Bộ chủ chương trình"), ["Các Bộ chủ chương trình"]);
    }

    /// Titles that say whose duties a section lists.
    #[test]
    fn title_agencies_of_sections() {
        assert_eq!(
            title_agencies(
                "NHIỆM VỤ CỦA CÁC BỘ, NGÀNH, ĐỊA PHƯƠNG TRONG TRIỂN KHAI ĐỀ ÁN TRUNG TÂM DỮ LIỆU QUỐC GIA"
            )
            .as_deref(),
            Some("CÁC BỘ, NGÀNH, ĐỊA PHƯƠNG")
        );
        assert_eq!(title_agencies("Trách nhiệm của Sở Y tế").as_deref(), Some("Sở Y tế"));
        assert_eq!(title_agencies("NHIỆM VỤ CỦA ĐỀ ÁN"), None);
        assert_eq!(title_agencies("NHIỆM VỤ CHUNG"), None);
    }

    /// Duty headings and times of the development corpus's plans and resolutions.
    #[test]
    fn duty_heads_and_times() {
        let (lead, coop) = duty_head(
            "3. Bộ Tài chính chủ trì, phối hợp với các cơ quan, địa phương:".trim_start_matches("3. "),
        )
        .unwrap();
        assert_eq!((lead.as_str(), coop), ("Bộ Tài chính", vec!["các cơ quan, địa phương".to_string()]));
        let (lead, _) =
            duty_head("Các bộ, cơ quan, địa phương căn cứ chức năng, nhiệm vụ, quyền hạn được giao:")
                .unwrap();
        assert_eq!(lead, "Các bộ, cơ quan, địa phương");
        let (lead, _) = duty_head("Trách nhiệm của Bộ Công an").unwrap();
        assert_eq!(lead, "Bộ Công an");
        assert!(duty_head("Tổ chức quán triệt, tuyên truyền").is_none());
        let t = |s: &str| duty_deadline(s).map(|d| d.text().to_string());
        assert_eq!(
            t("Báo cáo Thủ tướng Chính phủ trước ngày 15 tháng 5 năm 2026."),
            Some("trước ngày 15 tháng 5 năm 2026".into())
        );
        assert_eq!(
            t("Rà soát các điều kiện bảo đảm an toàn (từ Quý IV/2024)."),
            Some("từ Quý IV/2024".into())
        );
        assert_eq!(t("Theo dõi sát diễn biến thị trường."), None);
    }

    #[test]
    fn agency_starts() {
        for yes in
            ["Bộ Tư pháp", "Các bộ,", "UBND tỉnh,", "Sở Y tế", "các sở, ngành", "Ban Chỉ đạo", "Đài Truyền"]
        {
            assert!(is_agency_start(yes), "{yes}");
        }
        for no in [
            "Bộ chỉ số được",
            "cơ quan ngang bộ",
            "Báo cáo",
            "Thể thao và Du lịch",
            "thành phố",
            "Các văn bản quy",
        ] {
            assert!(!is_agency_start(no), "{no}");
        }
    }

    /// Seed 004 and 001 sentences, with what the curated corpus says.
    #[test]
    fn prose_assignments() {
        let rows: &[(&str, &[(&str, Role)])] = &[
            ("UBND tỉnh giao Sở Y tế chủ trì, phối hợp với Sở Kế hoạch và Đầu tư, Sở Tài chính, các sở, ngành liên quan, các tổ chức chính trị - xã hội và Uỷ ban nhân dân các huyện, thị xã, thành phố tổ chức triển khai Kế hoạch này đảm bảo hiệu quả.",
             &[("Sở Y tế", Role::Lead), ("Sở Kế hoạch và Đầu tư", Role::Cooperating), ("Sở Tài chính", Role::Cooperating), ("các sở, ngành liên quan", Role::Cooperating), ("các tổ chức chính trị - xã hội", Role::Cooperating), ("Uỷ ban nhân dân các huyện, thị xã, thành phố", Role::Cooperating)]),
            ("Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Y tế và các cơ quan, địa phương liên quan theo chức năng chủ động thực hiện",
             &[("Sở Kế hoạch và Đầu tư", Role::Lead), ("Sở Y tế", Role::Cooperating), ("các cơ quan, địa phương liên quan", Role::Cooperating)]),
            ("Sở Nội vụ phối hợp với Sở Y tế triển khai thực hiện có hiệu quả Quyết định số 1128/QĐ-UBND",
             &[("Sở Y tế", Role::Lead), ("Sở Nội vụ", Role::Cooperating)]),
            ("Bảo hiểm xã hội tỉnh phối hợp với Sở Y tế, các sở, ngành và các địa phương triển khai kế hoạch",
             &[("Sở Y tế", Role::Lead), ("Bảo hiểm xã hội tỉnh", Role::Cooperating), ("các sở, ngành", Role::Cooperating), ("các địa phương", Role::Cooperating)]),
            ("Ủy ban nhân dân các huyện, thị xã, thành phố tổ chức triển khai thực hiện một số nhiệm vụ",
             &[("Ủy ban nhân dân các huyện, thị xã, thành phố", Role::Lead)]),
            ("Giao Sở Y tế chủ trì, theo dõi, đôn đốc và phối hợp với các cơ quan, đơn vị, địa phương triển khai thực hiện",
             &[("Sở Y tế", Role::Lead)]),
            ("Sở Thông tin và Truyền thông hướng dẫn, đôn đốc Trung tâm Truyền thông tỉnh",
             &[("Sở Thông tin và Truyền thông", Role::Lead)]),
            ("Đề nghị Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tăng cường phối hợp",
             &[("Ủy ban Mặt trận Tổ quốc", Role::Lead), ("các tổ chức chính trị - xã hội", Role::Lead)]),
            ("Nghiên cứu, tham mưu cấp có thẩm quyền xem xét", &[]),
        ];
        for (text, want) in rows {
            let got: Vec<(String, Role)> = prose(text).into_iter().map(|a| (a.agency, a.role)).collect();
            let want: Vec<(String, Role)> = want.iter().map(|(a, r)| (a.to_string(), *r)).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn labelled_fields_gazette() {
        let text = "1. Tên nhiệm vụ: Xây dựng Đề án hình thành mạng lưới chuyên gia.\n2. Cơ quan chủ trì: Bộ Tư pháp.\n3. Cơ quan phối hợp: Các bộ, ngành.\n4. Kết quả: Quyết định của Thủ tướng Chính phủ phê duyệt Đề án.\n5. Thời gian hoàn thành: Quý IV/2026.";
        let f = read(text, true);
        let got: Vec<(String, Role)> = f.assignments.into_iter().map(|a| (a.agency, a.role)).collect();
        assert_eq!(
            got,
            [("Bộ Tư pháp".to_string(), Role::Lead), ("Các bộ, ngành".to_string(), Role::Cooperating)]
        );
        assert_eq!(f.deadline.unwrap().due().unwrap().to_string(), "2026-12-31");
    }

    #[test]
    fn inline_deadlines_seed_003() {
        let d = inline_deadline("Thực hiện khảo sát, tổng hợp nhu cầu phát triển chuyên môn giai đoạn từ nay đến 2030, hoàn thành chậm nhất trong quý I năm 2024. Chủ động kết nối").unwrap();
        assert_eq!(d.text(), "hoàn thành chậm nhất trong quý I năm 2024");
        let d = read("Thời gian thực hiện: Cả năm 2024.", true).deadline.unwrap();
        assert_eq!(d.text(), "Cả năm 2024");
        let d = inline_deadline("Triển khai đấu thầu tập trung. Thời gian hoàn thành trong tháng 06/2024.")
            .unwrap();
        assert_eq!(d.due().unwrap().to_string(), "2024-06-30");
        assert!(inline_deadline("Hoàn thành, bàn giao và đưa vào sử dụng dự án").is_none());
    }
}
