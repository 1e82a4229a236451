//! A deterministic generator of national-scale corpora, for benchmarks and
//! load tests (cargo feature `generate`).
//!
//! Each central directive (a Party `Chỉ thị`, `Nghị quyết` or `Kết luận`)
//! comes with the Prime Minister's plan to carry it out (`Quyết định
//! .../QĐ-TTg`), and cascades in every province into the standing
//! committee's plan (`...-KH/TU`), the People's Committee's plan
//! (`.../KH-UBND`, with an appendix of task rows), a dozen department plans
//! (`.../KH-SYT`, `.../KH-STC` ...) and commune plans. Clauses implement the
//! clauses above them with realistic fan-out: a province item implements a
//! directive group, a department item a province item, a commune task a
//! department task. Agency names come from the bundled alias table
//! (`data/agencies.json`), deadlines are written in the forms plans use
//! (`Quý II năm 2025`, `Nhiệm vụ thường xuyên` ...), and some lead agencies
//! report their task done, on time or late.
//!
//! The same parameters and seed always give the same corpus, byte for byte.
//!
//! ```
//! use directive_lineage::generate::Generator;
//! use directive_lineage::LineageGraph;
//!
//! let corpus = Generator::new(7).directives(1).provinces(3).communes(2).generate();
//! assert_eq!(corpus.to_json(), Generator::new(7).directives(1).provinces(3).communes(2).generate().to_json());
//! let graph = LineageGraph::build(corpus);
//! assert!(graph.validate().is_empty());
//! ```

use std::collections::HashMap;

use crate::corpus::Corpus;
use crate::model::date::Date;
use crate::model::deadline::Deadline;
use crate::model::identity::{ClauseId, DocId, DocKind, DocNumber};
use crate::model::{
    AgencyEntry, Assignment, Branch, Clause, ClauseKind, DocLink, DocStatus, Document, Implements,
    Jurisdiction, Level, Provenance, Relation, Role, Signer,
};
use crate::text::slug;

/// The bundled agency alias table, so that generated names resolve.
const AGENCIES_JSON: &str = include_str!("../../data/agencies.json");

/// Which map of provinces documents are issued in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProvinceMap {
    /// The 34 provinces and cities in force from 1 July 2025; documents are
    /// dated from July 2025.
    After2025,
    /// The 63 provinces and cities before the 2025 reform, with the
    /// jurisdiction table naming each merged province's successor; documents
    /// are dated 2023 to June 2025.
    Before2025,
}

/// Parameters of a generated corpus. Start from [`Generator::new`] (one
/// directive, the 34 provinces) or [`Generator::with_clauses`] (about a given
/// number of clauses) and adjust with the builder methods.
#[derive(Clone, Debug)]
pub struct Generator {
    seed: u64,
    directives: usize,
    map: ProvinceMap,
    provinces: Option<usize>,
    departments: usize,
    clauses_per_plan: usize,
    communes: usize,
}

impl Generator {
    /// One directive across the 34 provinces, 12 department plans and 8
    /// commune plans per province, about 18 clauses per province plan: some
    /// 10,000 clauses.
    pub fn new(seed: u64) -> Generator {
        Generator {
            seed,
            directives: 1,
            map: ProvinceMap::After2025,
            provinces: None,
            departments: 12,
            clauses_per_plan: 18,
            communes: 8,
        }
    }

    /// Default parameters with as many directives as give about `clauses`
    /// clause nodes (at least one directive).
    ///
    /// ```
    /// use directive_lineage::generate::Generator;
    /// let g = Generator::with_clauses(1, 100_000);
    /// let n = g.estimated_clauses();
    /// assert!((90_000..110_000).contains(&n), "{n}");
    /// ```
    pub fn with_clauses(seed: u64, clauses: usize) -> Generator {
        let g = Generator::new(seed);
        let per = g.estimated_clauses().max(1);
        g.directives(((clauses + per / 2) / per).max(1))
    }

    /// Number of central directives.
    pub fn directives(mut self, n: usize) -> Generator {
        self.directives = n;
        self
    }

    /// The province map (34 after the 2025 reform, or the 63 before it).
    pub fn province_map(mut self, map: ProvinceMap) -> Generator {
        self.map = map;
        self
    }

    /// Only the first `n` provinces of the map carry the directives out.
    pub fn provinces(mut self, n: usize) -> Generator {
        self.provinces = Some(n);
        self
    }

    /// Department plans per province and directive. Past the departments in
    /// the alias table, a department issues a second, detailed plan.
    pub fn departments(mut self, n: usize) -> Generator {
        self.departments = n;
        self
    }

    /// Mean number of clauses of a province or department plan (commune
    /// plans have a third as many).
    pub fn clauses_per_plan(mut self, n: usize) -> Generator {
        self.clauses_per_plan = n.max(6);
        self
    }

    /// Commune plans per province and directive.
    pub fn communes(mut self, n: usize) -> Generator {
        self.communes = n;
        self
    }

    fn province_count(&self) -> usize {
        let all = match self.map {
            ProvinceMap::After2025 => PROVINCES.iter().filter(|p| p.1.is_none()).count(),
            ProvinceMap::Before2025 => PROVINCES.len(),
        };
        self.provinces.map_or(all, |n| n.min(all))
    }

    /// About how many clauses [`Generator::generate`] makes.
    pub fn estimated_clauses(&self) -> usize {
        let per_province =
            (2 + self.departments) * self.clauses_per_plan + self.communes * self.commune_clauses();
        self.directives * (self.province_count() * per_province + 20)
    }

    fn commune_clauses(&self) -> usize {
        (self.clauses_per_plan / 3).max(2)
    }

    /// Generates the corpus, with the agency alias table and the jurisdiction
    /// table (provinces and the communes that issue plans) set.
    pub fn generate(&self) -> Corpus {
        let mut g = Gen::new(self);
        g.run();
        let mut corpus = Corpus::empty();
        corpus.set_agency_sources(Corpus::new().agency_sources().to_vec());
        corpus.set_agencies(g.agencies.clone());
        corpus.set_jurisdictions(g.jurisdictions);
        for d in g.docs {
            corpus.add(d);
        }
        corpus
    }
}

/// (name, successor name for a province merged in 2025, centrally run city).
/// Nghị quyết 202/2025/QH15: 63 → 34 from 1 July 2025.
const PROVINCES: &[(&str, Option<&str>, bool)] = &[
    ("Hà Nội", None, true),
    ("Huế", None, true),
    ("Lai Châu", None, false),
    ("Điện Biên", None, false),
    ("Sơn La", None, false),
    ("Lạng Sơn", None, false),
    ("Quảng Ninh", None, false),
    ("Thanh Hóa", None, false),
    ("Nghệ An", None, false),
    ("Hà Tĩnh", None, false),
    ("Cao Bằng", None, false),
    ("Tuyên Quang", None, false),
    ("Lào Cai", None, false),
    ("Thái Nguyên", None, false),
    ("Phú Thọ", None, false),
    ("Bắc Ninh", None, false),
    ("Hưng Yên", None, false),
    ("Hải Phòng", None, true),
    ("Ninh Bình", None, false),
    ("Quảng Trị", None, false),
    ("Đà Nẵng", None, true),
    ("Quảng Ngãi", None, false),
    ("Gia Lai", None, false),
    ("Khánh Hòa", None, false),
    ("Lâm Đồng", None, false),
    ("Đắk Lắk", None, false),
    ("Hồ Chí Minh", None, true),
    ("Đồng Nai", None, false),
    ("Tây Ninh", None, false),
    ("Cần Thơ", None, true),
    ("Vĩnh Long", None, false),
    ("Đồng Tháp", None, false),
    ("Cà Mau", None, false),
    ("An Giang", None, false),
    ("Hà Giang", Some("Tuyên Quang"), false),
    ("Yên Bái", Some("Lào Cai"), false),
    ("Bắc Kạn", Some("Thái Nguyên"), false),
    ("Vĩnh Phúc", Some("Phú Thọ"), false),
    ("Hòa Bình", Some("Phú Thọ"), false),
    ("Bắc Giang", Some("Bắc Ninh"), false),
    ("Thái Bình", Some("Hưng Yên"), false),
    ("Hải Dương", Some("Hải Phòng"), false),
    ("Hà Nam", Some("Ninh Bình"), false),
    ("Nam Định", Some("Ninh Bình"), false),
    ("Quảng Bình", Some("Quảng Trị"), false),
    ("Quảng Nam", Some("Đà Nẵng"), false),
    ("Kon Tum", Some("Quảng Ngãi"), false),
    ("Bình Định", Some("Gia Lai"), false),
    ("Ninh Thuận", Some("Khánh Hòa"), false),
    ("Đắk Nông", Some("Lâm Đồng"), false),
    ("Bình Thuận", Some("Lâm Đồng"), false),
    ("Phú Yên", Some("Đắk Lắk"), false),
    ("Bình Dương", Some("Hồ Chí Minh"), false),
    ("Bà Rịa - Vũng Tàu", Some("Hồ Chí Minh"), false),
    ("Bình Phước", Some("Đồng Nai"), false),
    ("Long An", Some("Tây Ninh"), false),
    ("Sóc Trăng", Some("Cần Thơ"), false),
    ("Hậu Giang", Some("Cần Thơ"), false),
    ("Bến Tre", Some("Vĩnh Long"), false),
    ("Trà Vinh", Some("Vĩnh Long"), false),
    ("Tiền Giang", Some("Đồng Tháp"), false),
    ("Bạc Liêu", Some("Cà Mau"), false),
    ("Kiên Giang", Some("An Giang"), false),
];

const MERGER_BASIS: &str =
    "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh";

const COMMUNES: &[&str] = &[
    "Tân Lập",
    "Hòa Bình",
    "Quang Trung",
    "Tân Thành",
    "Đồng Tâm",
    "Thống Nhất",
    "Hưng Đạo",
    "Minh Khai",
    "An Phú",
    "Phú Lợi",
    "Vĩnh Hưng",
    "Bình Minh",
    "Hợp Thành",
    "Thắng Lợi",
    "Nghĩa Hưng",
    "Tiên Phong",
    "Đông Hải",
    "Hồng Phong",
    "Xuân Lâm",
    "Phúc Sơn",
    "Yên Thịnh",
    "Kim Liên",
    "Tân Hòa",
    "Long Hưng",
];

/// Department plans: (alias table key, number symbol issuer code).
const DEPARTMENTS: &[(&str, &str)] = &[
    ("so-y-te", "SYT"),
    ("so-tai-chinh", "STC"),
    ("so-noi-vu", "SNV"),
    ("so-ke-hoach-va-dau-tu", "SKHĐT"),
    ("so-thong-tin-va-truyen-thong", "STTTT"),
    ("so-tai-nguyen-va-moi-truong", "STNMT"),
    ("bao-hiem-xa-hoi-tinh", "BHXH"),
    ("van-phong-ubnd-tinh", "VPUBND"),
    ("ban-qlda-dtxd-dan-dung-cong-nghiep", "BQLDA"),
];

/// (title after `về`, task groups, objects of tasks).
struct Topic {
    title: &'static str,
    groups: &'static [&'static str],
    objects: &'static [&'static str],
}

const TOPICS: &[Topic] = &[
    Topic {
        title: "tiếp tục củng cố, hoàn thiện, nâng cao chất lượng hoạt động của y tế cơ sở trong tình hình mới",
        groups: &[
            "Nâng cao nhận thức, trách nhiệm củng cố, hoàn thiện, nâng cao chất lượng hoạt động của y tế cơ sở",
            "Nâng cao hiệu quả quản lý Nhà nước về y tế cơ sở",
            "Tăng cường đầu tư cho y tế cơ sở gắn với đổi mới cơ chế tài chính",
            "Nâng cao chất lượng nguồn nhân lực y tế cơ sở",
            "Đổi mới phương thức hoạt động của y tế cơ sở",
            "Ứng dụng công nghệ thông tin, chuyển đổi số trong y tế cơ sở",
        ],
        objects: &[
            "mạng lưới trạm y tế xã, phường",
            "hồ sơ sức khỏe điện tử của người dân",
            "trang thiết bị y tế thiết yếu cho trạm y tế",
            "đội ngũ nhân viên y tế thôn, bản",
            "công tác khám, chữa bệnh bảo hiểm y tế tại tuyến xã",
            "chính sách thu hút bác sĩ về công tác tại cơ sở",
            "dịch vụ chăm sóc sức khỏe ban đầu",
        ],
    },
    Topic {
        title: "đẩy mạnh chuyển đổi số quốc gia đến năm 2030",
        groups: &[
            "Nâng cao nhận thức về chuyển đổi số",
            "Hoàn thiện thể chế, chính sách phục vụ chuyển đổi số",
            "Phát triển hạ tầng số, dữ liệu số",
            "Phát triển chính quyền số, kinh tế số, xã hội số",
            "Bảo đảm an toàn, an ninh mạng",
        ],
        objects: &[
            "cơ sở dữ liệu dùng chung của tỉnh",
            "dịch vụ công trực tuyến toàn trình",
            "hạ tầng cáp quang đến thôn, bản",
            "nền tảng tích hợp, chia sẻ dữ liệu",
            "tổ công nghệ số cộng đồng",
            "hệ thống giám sát an toàn thông tin",
        ],
    },
    Topic {
        title: "đẩy mạnh cải cách hành chính, nâng cao chỉ số hài lòng của người dân, doanh nghiệp",
        groups: &[
            "Cải cách thể chế",
            "Cải cách thủ tục hành chính",
            "Cải cách tổ chức bộ máy hành chính nhà nước",
            "Cải cách chế độ công vụ",
            "Cải cách tài chính công",
            "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
        ],
        objects: &[
            "bộ thủ tục hành chính thuộc thẩm quyền giải quyết",
            "Trung tâm Phục vụ hành chính công",
            "vị trí việc làm của cán bộ, công chức",
            "quy chế làm việc của cơ quan",
            "hồ sơ tồn đọng, quá hạn",
            "kết quả đánh giá chỉ số cải cách hành chính",
        ],
    },
    Topic {
        title: "tăng cường công tác phòng, chống thiên tai, ứng phó với biến đổi khí hậu",
        groups: &[
            "Nâng cao nhận thức của cộng đồng về phòng, chống thiên tai",
            "Hoàn thiện phương án ứng phó thiên tai theo cấp độ rủi ro",
            "Đầu tư công trình phòng, chống thiên tai",
            "Nâng cao năng lực cứu hộ, cứu nạn",
        ],
        objects: &[
            "phương án sơ tán dân cư vùng trọng điểm",
            "hệ thống cảnh báo sớm lũ quét, sạt lở đất",
            "lực lượng xung kích phòng, chống thiên tai cấp xã",
            "đê điều, hồ đập xung yếu",
            "vật tư, phương tiện dự phòng",
        ],
    },
    Topic {
        title: "tiếp tục thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
        groups: &[
            "Tuyên truyền, vận động người dân tham gia xây dựng nông thôn mới",
            "Phát triển hạ tầng kinh tế - xã hội nông thôn",
            "Phát triển sản xuất gắn với tái cơ cấu ngành nông nghiệp",
            "Nâng cao chất lượng cuộc sống của cư dân nông thôn",
            "Giữ gìn môi trường, cảnh quan nông thôn",
        ],
        objects: &[
            "tiêu chí xã nông thôn mới nâng cao",
            "đường giao thông nông thôn",
            "sản phẩm OCOP của địa phương",
            "hộ nghèo, hộ cận nghèo",
            "thu gom, xử lý rác thải sinh hoạt",
            "nhà văn hóa thôn, bản",
        ],
    },
    Topic {
        title: "tăng cường công tác phòng, chống tham nhũng, lãng phí, tiêu cực",
        groups: &[
            "Nâng cao nhận thức, trách nhiệm của người đứng đầu",
            "Hoàn thiện cơ chế kiểm soát quyền lực",
            "Tăng cường thanh tra, kiểm tra, giám sát",
            "Thực hành tiết kiệm, chống lãng phí",
        ],
        objects: &[
            "kê khai tài sản, thu nhập",
            "công khai, minh bạch hoạt động của cơ quan",
            "chuyển đổi vị trí công tác",
            "kết luận thanh tra",
            "quản lý, sử dụng tài sản công",
        ],
    },
    Topic {
        title: "đổi mới căn bản, toàn diện giáo dục và đào tạo, phát triển nguồn nhân lực",
        groups: &[
            "Đổi mới công tác quản lý giáo dục",
            "Phát triển đội ngũ nhà giáo và cán bộ quản lý",
            "Đổi mới nội dung, phương pháp dạy học",
            "Tăng cường cơ sở vật chất trường, lớp học",
            "Phát triển giáo dục nghề nghiệp",
        ],
        objects: &[
            "mạng lưới trường, lớp học",
            "đội ngũ giáo viên mầm non, phổ thông",
            "phòng học bộ môn, thiết bị dạy học",
            "tuyển sinh giáo dục nghề nghiệp",
            "phổ cập giáo dục, xóa mù chữ",
        ],
    },
    Topic {
        title: "thực hiện bảo hiểm xã hội, bảo hiểm y tế toàn dân",
        groups: &[
            "Tuyên truyền chính sách bảo hiểm xã hội, bảo hiểm y tế",
            "Mở rộng diện bao phủ bảo hiểm y tế",
            "Phát triển đối tượng tham gia bảo hiểm xã hội tự nguyện",
            "Chống trục lợi quỹ bảo hiểm",
        ],
        objects: &[
            "tỷ lệ dân số tham gia bảo hiểm y tế",
            "người lao động khu vực phi chính thức",
            "hỗ trợ mức đóng cho hộ cận nghèo",
            "chi trả chế độ qua tài khoản cá nhân",
            "doanh nghiệp nợ đọng bảo hiểm",
        ],
    },
];

const VERBS: &[&str] = &[
    "Tổ chức triển khai",
    "Rà soát, hoàn thiện",
    "Tăng cường",
    "Đẩy mạnh",
    "Kiện toàn",
    "Nâng cao chất lượng",
    "Xây dựng và ban hành quy định về",
    "Kiểm tra, giám sát",
    "Tuyên truyền, phổ biến về",
    "Bố trí kinh phí cho",
    "Đào tạo, bồi dưỡng về",
    "Sơ kết, đánh giá",
];

const SIGNERS: &[&str] = &[
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Đức",
    "Vũ Thị Hạnh",
    "Đặng Văn Hùng",
    "Bùi Thị Lan",
    "Đỗ Văn Minh",
    "Ngô Thị Nga",
];

const ROMAN: &[&str] = &["I", "II", "III", "IV"];

/// SplitMix64: tiny, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A month as (year, month), with arithmetic.
#[derive(Clone, Copy)]
struct Month(u16, u8);

impl Month {
    fn plus(self, n: usize) -> Month {
        let m = self.1 as usize - 1 + n;
        Month(self.0 + (m / 12) as u16, (m % 12) as u8 + 1)
    }

    fn day(self, d: u8) -> Date {
        Date::new(self.0, self.1, d.min(28)).expect("day 1 to 28 exists")
    }
}

/// A province as the generator uses it.
#[derive(Clone)]
struct Prov {
    id: String,
    name: &'static str,
    city: bool,
    communes: Vec<(String, String)>,
}

impl Prov {
    /// What a plan calls the province: `thành phố` or `tỉnh`.
    fn tinh(&self) -> &'static str {
        if self.city {
            "thành phố"
        } else {
            "tỉnh"
        }
    }

    /// The scope of a province plan's tasks.
    fn scope(&self) -> String {
        format!("trên địa bàn {} {}", self.tinh(), self.name)
    }
}

/// A plan the plans below it implement and cite: its id, its name as they
/// cite it, and the month it was issued in.
struct Parent {
    id: DocId,
    name: String,
    month: Month,
}

/// A central directive as the provinces carry it out: its topic, its number
/// of task groups, and the two plans province plans implement.
struct Cascade {
    topic: &'static Topic,
    groups: usize,
    central: Parent,
    qd: Parent,
}

/// A plan being written: its id, authority and clauses.
struct Plan {
    id: DocId,
    clauses: Vec<Clause>,
}

struct Gen<'a> {
    p: &'a Generator,
    rng: Rng,
    agencies: Vec<AgencyEntry>,
    by_key: HashMap<&'static str, usize>,
    jurisdictions: Vec<Jurisdiction>,
    provinces: Vec<Prov>,
    docs: Vec<Document>,
    numbers: HashMap<(String, u16, String), u32>,
    deadlines: HashMap<String, Deadline>,
}

impl<'a> Gen<'a> {
    fn new(p: &'a Generator) -> Gen<'a> {
        #[derive(serde::Deserialize)]
        struct Table {
            agencies: Vec<AgencyEntry>,
        }
        let agencies =
            serde_json::from_str::<Table>(AGENCIES_JSON).expect("bundled agencies.json reads").agencies;
        let mut by_key = HashMap::new();
        for (key, _) in DEPARTMENTS {
            by_key.insert(*key, agencies.iter().position(|a| a.key == *key).expect("department in table"));
        }
        let mut g = Gen {
            p,
            rng: Rng(p.seed),
            agencies,
            by_key,
            jurisdictions: Vec::new(),
            provinces: Vec::new(),
            docs: Vec::new(),
            numbers: HashMap::new(),
            deadlines: HashMap::new(),
        };
        g.jurisdictions_table();
        g
    }

    fn jurisdictions_table(&mut self) {
        self.jurisdictions.push(Jurisdiction {
            id: "vn".into(),
            name: "Việt Nam".into(),
            aliases: Vec::new(),
            level: Level::Central,
            parent: None,
            successor: None,
            successor_since: None,
            successor_basis: None,
        });
        let before = self.p.map == ProvinceMap::Before2025;
        let listed: Vec<_> = PROVINCES.iter().filter(|p| before || p.1.is_none()).collect();
        for &&(name, successor, city) in &listed {
            let id = slug(name);
            self.jurisdictions.push(Jurisdiction {
                id: id.clone(),
                name: name.into(),
                aliases: Vec::new(),
                level: Level::Province,
                parent: Some("vn".into()),
                successor: successor.map(slug),
                successor_since: successor.map(|_| Date::new(2025, 7, 1).expect("valid")),
                successor_basis: successor.map(|_| MERGER_BASIS.to_string()),
            });
            if self.provinces.len() < self.p.province_count() {
                let k = self.provinces.len();
                let communes = (0..self.p.communes)
                    .map(|c| {
                        let stem = COMMUNES[(k * 7 + c) % COMMUNES.len()];
                        let round = c / COMMUNES.len();
                        let name =
                            if round == 0 { stem.to_string() } else { format!("{stem} {}", round + 1) };
                        let kind = if city { "phường" } else { "xã" };
                        (format!("{id}-{}", slug(&format!("{kind} {name}"))), format!("{kind} {name}"))
                    })
                    .collect();
                self.provinces.push(Prov { id, name, city, communes });
            }
        }
        let communes: Vec<Jurisdiction> = self
            .provinces
            .iter()
            .flat_map(|p| {
                p.communes.iter().map(|(id, name)| Jurisdiction {
                    id: id.clone(),
                    name: name.clone(),
                    aliases: Vec::new(),
                    level: Level::Commune,
                    parent: Some(p.id.clone()),
                    successor: None,
                    successor_since: None,
                    successor_basis: None,
                })
            })
            .collect();
        self.jurisdictions.extend(communes);
    }

    /// The next number of this symbol in this jurisdiction and year.
    fn number(&mut self, jurisdiction: &str, year: u16, symbol: &str) -> u32 {
        let n = self.numbers.entry((jurisdiction.to_string(), year, symbol.to_string())).or_insert(0);
        *n += 1 + self.rng.below(6) as u32;
        *n
    }

    fn start_month(&self) -> Month {
        match self.p.map {
            ProvinceMap::After2025 => Month(2025, 7),
            ProvinceMap::Before2025 => Month(2023, 1),
        }
    }

    fn run(&mut self) {
        let span = match self.p.map {
            ProvinceMap::After2025 => 12,
            ProvinceMap::Before2025 => 24,
        };
        for d in 0..self.p.directives {
            // Directives spread over the period; plans follow within months.
            let month = self.start_month().plus(d * span / self.p.directives.max(1));
            self.directive(d, month);
        }
    }

    fn directive(&mut self, d: usize, month: Month) {
        let topic = &TOPICS[d % TOPICS.len()];
        let (central, groups) = self.central_directive(topic, month);
        let qd = self.prime_minister_plan(topic, groups, &central);
        let cascade = Cascade { topic, groups, central, qd };
        for p in 0..self.provinces.len() {
            self.province(p, &cascade);
        }
    }

    /// The Party's directive: a task group per item, with points.
    fn central_directive(&mut self, topic: &'static Topic, month: Month) -> (Parent, usize) {
        let (kind, code, issuer, branch_name) = *self.rng.pick(&[
            (DocKind::ChiThi, "CT", "Ban Bí thư", "Ban Bí thư"),
            (DocKind::NghiQuyet, "NQ", "Bộ Chính trị", "Bộ Chính trị"),
            (DocKind::KetLuan, "KL", "Bộ Chính trị", "Bộ Chính trị"),
        ]);
        let year = month.0;
        let n = self.number("vn", year, code);
        let number: DocNumber = format!("{n}-{code}/TW").parse().expect("party number parses");
        let date = month.day(self.rng.range(1, 28) as u8);
        let central_id = DocId::from_number("vn", year, &number);
        let central_name = format!("{} số {number} ngày {} của {branch_name}", kind.name(), dmy(date));
        let groups = self.rng.range(2, topic.groups.len().min(6));
        let clauses = self.directive_clauses(topic, groups);
        self.docs.push(Document {
            id: central_id.clone(),
            kind,
            number: Some(number.clone()),
            issuer: issuer.into(),
            jurisdiction: "vn".into(),
            level: Level::Central,
            branch: Branch::Party,
            date: Some(date),
            title: format!("Về {}", topic.title),
            signer: Some(Signer {
                name: self.rng.pick(SIGNERS).to_string(),
                capacity: Some(format!("T/M {}", issuer.to_uppercase())),
            }),
            status: DocStatus::FullText,
            source: None,
            citations: Vec::new(),
            clauses,
            warnings: Vec::new(),
        });
        (Parent { id: central_id, name: central_name, month }, groups)
    }

    /// A directive's clauses: an item per group with one to three points.
    fn directive_clauses(&mut self, topic: &Topic, groups: usize) -> Vec<Clause> {
        let mut clauses = Vec::new();
        for g in 0..groups {
            let mut c = Clause::new(&(g + 1).to_string(), ClauseKind::Item, "", Provenance::Stated);
            c.heading = Some(topic.groups[g].to_string());
            clauses.push(c);
            let points = self.rng.range(1, 3);
            for point in &POINTS[..points] {
                let text = self.task_text(topic, "trên phạm vi cả nước");
                clauses.push(Clause::new(
                    &format!("{}.{point}", g + 1),
                    ClauseKind::Point,
                    &text,
                    Provenance::Stated,
                ));
            }
        }
        clauses
    }

    /// The Prime Minister's plan, the month after the directive: one item
    /// per group, each implementing it.
    fn prime_minister_plan(&mut self, topic: &Topic, groups: usize, central: &Parent) -> Parent {
        let qd_month = central.month.plus(1);
        let qd_n = self.number("vn", qd_month.0, "QĐ-TTg");
        let qd_number: DocNumber = format!("{qd_n}/QĐ-TTg").parse().expect("number parses");
        let qd_date = qd_month.day(self.rng.range(1, 28) as u8);
        let qd_id = DocId::from_number("vn", qd_month.0, &qd_number);
        let mut qd_clauses = Vec::new();
        for g in 0..groups {
            let mut c = Clause::new(&format!("II.{}", g + 1), ClauseKind::Item, "", Provenance::Stated);
            c.heading = Some(topic.groups[g].to_string());
            c.implements.push(link(&central.id, Some(&(g + 1).to_string())));
            qd_clauses.push(c);
        }
        let qd_name = format!("Quyết định số {qd_number} ngày {} của Thủ tướng Chính phủ", dmy(qd_date));
        self.docs.push(Document {
            id: qd_id.clone(),
            kind: DocKind::QuyetDinh,
            number: Some(qd_number),
            issuer: "Thủ tướng Chính phủ".into(),
            jurisdiction: "vn".into(),
            level: Level::Central,
            branch: Branch::Government,
            date: Some(qd_date),
            title: format!("Ban hành Kế hoạch triển khai thực hiện {} về {}", central.name, topic.title),
            signer: Some(Signer {
                name: self.rng.pick(SIGNERS).to_string(),
                capacity: Some("KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG".into()),
            }),
            status: DocStatus::FullText,
            source: None,
            citations: vec![DocLink {
                text: central.name.clone(),
                target: central.id.clone(),
                relation: Relation::Implements,
                clause: None,
            }],
            clauses: qd_clauses,
            warnings: Vec::new(),
        });
        Parent { id: qd_id, name: qd_name, month: qd_month }
    }

    /// A province's cascade of plans for one directive: the Party plan, the
    /// People's Committee's plan, the department plans and the commune plans.
    fn province(&mut self, p: usize, cascade: &Cascade) {
        // A copy: the plans are written into `self`.
        let prov = self.provinces[p].clone();
        let tu = self.party_plan(&prov, cascade);
        let ub = self.committee_plan(&prov, cascade, &tu);
        let dept_tasks = self.department_plans(&prov, cascade, &ub);
        self.commune_plans(&prov, cascade.topic, &ub, &dept_tasks);
    }

    /// The standing committee's plan implements the directive's groups.
    fn party_plan(&mut self, prov: &Prov, cascade: &Cascade) -> Parent {
        let tu_month = cascade.qd.month.plus(self.rng.range(0, 1));
        let tu_date = tu_month.day(self.rng.range(1, 28) as u8);
        let tu_issuer =
            if prov.city { "Ban Thường vụ Thành ủy" } else { "Ban Thường vụ Tỉnh ủy" };
        let tu = self.plan_doc(&prov.id, tu_date, "KH", "TU", true);
        let mut tu_plan = Plan { id: tu.0.clone(), clauses: Vec::new() };
        self.plan_body(
            &mut tu_plan,
            cascade.topic,
            cascade.groups,
            self.p.clauses_per_plan,
            tu_date,
            Level::Province,
            &prov.scope(),
            |g| vec![(cascade.central.id.clone(), Some((g + 1).to_string()))],
        );
        let tu_name = format!("Kế hoạch số {} ngày {} của {tu_issuer}", tu.1, dmy(tu_date));
        self.push_doc(
            tu_plan,
            tu.1,
            format!("{tu_issuer} {}", prov.name),
            &prov.id,
            Level::Province,
            Branch::Party,
            tu_date,
            format!("Thực hiện {} về {}", cascade.central.name, cascade.topic.title),
            vec![(cascade.central.name.clone(), cascade.central.id.clone())],
            "T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ",
        );
        Parent { id: tu.0, name: tu_name, month: tu_month }
    }

    /// The People's Committee's plan implements the Party plan and the
    /// Prime Minister's plan; its appendix rows are the tasks.
    fn committee_plan(&mut self, prov: &Prov, cascade: &Cascade, tu: &Parent) -> Parent {
        let (tinh, per) = (prov.tinh(), self.p.clauses_per_plan);
        let ub_month = tu.month.plus(self.rng.range(1, 2));
        let ub_date = ub_month.day(self.rng.range(1, 28) as u8);
        let ub = self.plan_doc(&prov.id, ub_date, "KH", "UBND", false);
        let mut ub_plan = Plan { id: ub.0.clone(), clauses: Vec::new() };
        self.plan_body(
            &mut ub_plan,
            cascade.topic,
            cascade.groups,
            per * 2 / 3,
            ub_date,
            Level::Province,
            &prov.scope(),
            |g| {
                vec![
                    (tu.id.clone(), Some(format!("II.{}", g + 1))),
                    (cascade.qd.id.clone(), Some(format!("II.{}", g + 1))),
                ]
            },
        );
        let rows = per.saturating_sub(ub_plan.clauses.len()).max(3);
        for r in 0..rows {
            let g = self.rng.below(cascade.groups);
            let text = self.task_text(cascade.topic, &format!("trên địa bàn {tinh}"));
            let mut row = Clause::new(&format!("PL.{}", r + 1), ClauseKind::Row, &text, Provenance::Stated);
            row.implements.push(link(&ub.0, Some(&format!("II.{}", g + 1))));
            self.assign(&mut row, ub_date, Level::Province);
            ub_plan.clauses.push(row);
        }
        let ub_name = format!("Kế hoạch số {} ngày {} của UBND {tinh}", ub.1, dmy(ub_date));
        self.push_doc(
            ub_plan,
            ub.1,
            format!("UBND {tinh} {}", prov.name),
            &prov.id,
            Level::Province,
            Branch::Government,
            ub_date,
            format!("Triển khai thực hiện {} và {}", cascade.qd.name, tu.name),
            vec![
                (cascade.central.name.clone(), cascade.central.id.clone()),
                (cascade.qd.name.clone(), cascade.qd.id.clone()),
                (tu.name.clone(), tu.id.clone()),
            ],
            "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
        );
        Parent { id: ub.0, name: ub_name, month: ub_month }
    }

    /// Department plans implement the People's Committee's groups. Returns
    /// their tasks (document, clause path), for the communes to implement.
    fn department_plans(&mut self, prov: &Prov, cascade: &Cascade, ub: &Parent) -> Vec<(DocId, String)> {
        let tinh = prov.tinh();
        let mut dept_tasks: Vec<(DocId, String)> = Vec::new();
        for k in 0..self.p.departments {
            let (key, code) = DEPARTMENTS[k % DEPARTMENTS.len()];
            let dname = self.agencies[self.by_key[key]].name.clone();
            let d_date = ub.month.plus(self.rng.range(0, 2)).day(self.rng.range(1, 28) as u8);
            let doc = self.plan_doc(&prov.id, d_date, "KH", code, false);
            let mut plan = Plan { id: doc.0.clone(), clauses: Vec::new() };
            self.plan_body(
                &mut plan,
                cascade.topic,
                cascade.groups,
                self.p.clauses_per_plan,
                d_date,
                Level::Province,
                &prov.scope(),
                |g| vec![(ub.id.clone(), Some(format!("II.{}", g + 1)))],
            );
            dept_tasks
                .extend(plan.clauses.iter().filter(|c| c.is_task()).map(|c| (doc.0.clone(), c.path.clone())));
            let detail =
                if k >= DEPARTMENTS.len() { "Kế hoạch chi tiết triển khai" } else { "Triển khai" };
            self.push_doc(
                plan,
                doc.1,
                format!("{dname} {tinh} {}", prov.name),
                &prov.id,
                Level::Province,
                Branch::Department,
                d_date,
                format!("{detail} {}", ub.name),
                vec![(ub.name.clone(), ub.id.clone())],
                "GIÁM ĐỐC",
            );
        }
        dept_tasks
    }

    /// Commune plans: each task implements a department task (now and then
    /// two).
    fn commune_plans(&mut self, prov: &Prov, topic: &Topic, ub: &Parent, dept_tasks: &[(DocId, String)]) {
        for (cid, cname) in &prov.communes {
            let c_date = ub.month.plus(self.rng.range(1, 3)).day(self.rng.range(1, 28) as u8);
            let doc = self.plan_doc(cid, c_date, "KH", "UBND", false);
            let mut clauses = Vec::new();
            for t in 0..self.p.commune_clauses() {
                let text = self.task_text(topic, &format!("trên địa bàn {cname}"));
                let mut c = Clause::new(&(t + 1).to_string(), ClauseKind::Item, &text, Provenance::Stated);
                let fan_in = if self.rng.chance(15) { 2 } else { 1 };
                for _ in 0..fan_in {
                    if !dept_tasks.is_empty() {
                        let (d, path) = &dept_tasks[self.rng.below(dept_tasks.len())];
                        if !c.implements.iter().any(|i| i.target.doc() == d && i.target.path() == Some(path))
                        {
                            c.implements.push(link(d, Some(path)));
                        }
                    }
                }
                self.assign(&mut c, c_date, Level::Commune);
                clauses.push(c);
            }
            self.push_doc(
                Plan { id: doc.0, clauses },
                doc.1,
                format!("UBND {cname}"),
                cid,
                Level::Commune,
                Branch::Government,
                c_date,
                format!("Thực hiện {}", ub.name),
                vec![(ub.name.clone(), ub.id.clone())],
                "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
            );
        }
    }

    /// A new plan's id and number in a jurisdiction.
    fn plan_doc(
        &mut self,
        jurisdiction: &str,
        date: Date,
        kind: &str,
        issuer: &str,
        party: bool,
    ) -> (DocId, DocNumber) {
        let symbol = format!("{kind}-{issuer}");
        let n = self.number(jurisdiction, date.year(), &symbol);
        let text = if party { format!("{n}-{kind}/{issuer}") } else { format!("{n}/{kind}-{issuer}") };
        let number: DocNumber = text.parse().expect("generated numbers parse");
        (DocId::from_number(jurisdiction, date.year(), &number), number)
    }

    #[allow(clippy::too_many_arguments)]
    fn push_doc(
        &mut self,
        plan: Plan,
        number: DocNumber,
        issuer: String,
        jurisdiction: &str,
        level: Level,
        branch: Branch,
        date: Date,
        title: String,
        implements: Vec<(String, DocId)>,
        capacity: &str,
    ) {
        let citations = implements
            .into_iter()
            .map(|(text, target)| DocLink { text, target, relation: Relation::Implements, clause: None })
            .collect();
        self.docs.push(Document {
            id: plan.id,
            kind: DocKind::KeHoach,
            number: Some(number),
            issuer,
            jurisdiction: jurisdiction.into(),
            level,
            branch,
            date: Some(date),
            title,
            signer: Some(Signer {
                name: self.rng.pick(SIGNERS).to_string(),
                capacity: Some(capacity.into()),
            }),
            status: DocStatus::FullText,
            source: None,
            citations,
            clauses: plan.clauses,
            warnings: Vec::new(),
        });
    }

    /// Sections I (purpose), II (one item per group, implementing `parents`,
    /// with task bullets) and III (organisation), about `size` clauses.
    #[allow(clippy::too_many_arguments)]
    fn plan_body(
        &mut self,
        plan: &mut Plan,
        topic: &'static Topic,
        groups: usize,
        size: usize,
        issued: Date,
        level: Level,
        scope: &str,
        parents: impl Fn(usize) -> Vec<(DocId, Option<String>)>,
    ) {
        let size = self.rng.range(size * 3 / 5, size * 7 / 5).max(groups + 4);
        let c = &mut plan.clauses;
        let mut s = Clause::new("I", ClauseKind::Section, "", Provenance::Stated);
        s.heading = Some("MỤC ĐÍCH, YÊU CẦU".into());
        c.push(s);
        c.push(Clause::new(
            "I.1",
            ClauseKind::Item,
            &format!("Triển khai kịp thời, hiệu quả các nhiệm vụ về {}", topic.title),
            Provenance::Stated,
        ));
        let mut s = Clause::new("II", ClauseKind::Section, "", Provenance::Stated);
        s.heading = Some("NHIỆM VỤ, GIẢI PHÁP".into());
        c.push(s);
        let bullets = size.saturating_sub(groups + 4);
        for g in 0..groups {
            let mut item = Clause::new(&format!("II.{}", g + 1), ClauseKind::Item, "", Provenance::Stated);
            item.heading = Some(topic.groups[g].to_string());
            for (doc, path) in parents(g) {
                item.implements.push(link(&doc, path.as_deref()));
            }
            plan.clauses.push(item);
            let n = bullets / groups + usize::from(g < bullets % groups);
            for b in 0..n {
                let text = self.task_text(topic, scope);
                let mut t = Clause::new(
                    &format!("II.{}.-{}", g + 1, b + 1),
                    ClauseKind::Bullet,
                    &text,
                    Provenance::Stated,
                );
                self.assign(&mut t, issued, level);
                plan.clauses.push(t);
            }
        }
        let c = &mut plan.clauses;
        let mut s = Clause::new("III", ClauseKind::Section, "", Provenance::Stated);
        s.heading = Some("TỔ CHỨC THỰC HIỆN".into());
        c.push(s);
        c.push(Clause::new(
            "III.1",
            ClauseKind::Item,
            "Các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ xây dựng kế hoạch cụ thể, báo cáo kết quả định kỳ 6 tháng, hằng năm",
            Provenance::Stated,
        ));
    }

    fn task_text(&mut self, topic: &Topic, scope: &str) -> String {
        let verb = self.rng.pick(VERBS);
        let object = self.rng.pick(topic.objects);
        format!("{verb} {object} {scope}")
    }

    /// Lead and cooperating agencies, a deadline in one of the real forms,
    /// and for some tasks the lead's report of completion.
    fn assign(&mut self, c: &mut Clause, issued: Date, level: Level) {
        let (leads, coop): (&[&str], &[&str]) = match level {
            Level::Commune => (
                &["uy-ban-mttq-tinh", "to-chuc-chinh-tri-xa-hoi", "co-quan-don-vi-lien-quan"],
                &["co-quan-don-vi-lien-quan", "to-chuc-chinh-tri-xa-hoi"],
            ),
            _ => (
                &[
                    "so-y-te",
                    "so-tai-chinh",
                    "so-noi-vu",
                    "so-ke-hoach-va-dau-tu",
                    "so-thong-tin-va-truyen-thong",
                    "so-tai-nguyen-va-moi-truong",
                    "bao-hiem-xa-hoi-tinh",
                    "van-phong-ubnd-tinh",
                    "phong-ke-hoach-tai-chinh",
                    "phong-nghiep-vu-y",
                ],
                &[
                    "cac-so-ban-nganh",
                    "co-quan-don-vi-lien-quan",
                    "uy-ban-mttq-tinh",
                    "cac-don-vi-truc-thuoc-so",
                ],
            ),
        };
        let lead_key: &str = leads[self.rng.below(leads.len())];
        let lead = self.agency_name(lead_key);
        c.assignments.push(Assignment::new(lead, Role::Lead));
        for _ in 0..self.rng.range(0, 2) {
            let key: &str = coop[self.rng.below(coop.len())];
            let name = self.agency_name(key);
            if !c.assignments.iter().any(|a| a.agency == name) {
                c.assignments.push(Assignment::new(name, Role::Cooperating));
            }
        }
        let deadline = self.deadline(issued);
        if let Some(due) = deadline.due() {
            if self.rng.chance(50) {
                // Done: mostly on time, a fifth late.
                let when = if self.rng.chance(80) {
                    Month(due.year(), due.month())
                        .plus(0)
                        .day(self.rng.range(1, due.day().min(28) as usize) as u8)
                } else {
                    Month(due.year(), due.month()).plus(self.rng.range(1, 4)).day(self.rng.range(1, 28) as u8)
                };
                c.assignments[0].completed = Some(when.max(issued));
            }
        }
        c.deadline = Some(deadline);
    }

    fn agency_name(&mut self, key: &str) -> String {
        let a = self.agencies.iter().find(|a| a.key == key).expect("agency in table");
        // Now and then an alias, as texts write them.
        if !a.aliases.is_empty() && self.rng.chance(15) {
            let i = self.rng.below(a.aliases.len());
            a.aliases[i].clone()
        } else {
            a.name.clone()
        }
    }

    fn deadline(&mut self, issued: Date) -> Deadline {
        let m = Month(issued.year(), issued.month());
        let later = m.plus(self.rng.range(1, 18));
        let (y, mo) = (later.0, later.1);
        let text = match self.rng.below(20) {
            0..=3 => format!("Quý {} năm {y}", ROMAN[(mo as usize - 1) / 3]),
            4..=5 => format!("Trong tháng {mo:02}/{y}"),
            6..=7 => format!("Hoàn thành trong tháng {mo}/{y}"),
            8 => format!("chậm nhất trong {mo}/{y}"),
            9..=10 => format!("Cả năm {y}"),
            11 => format!("Trước tháng {mo}/{y}"),
            12 => format!("Từ năm {}", y + 1),
            13 => "Phấn đấu đến năm 2030".to_string(),
            14..=16 => "Nhiệm vụ thường xuyên".to_string(),
            17 => "Theo lộ trình của Chính phủ".to_string(),
            18 => "trong 01 tháng kể từ khi Chính phủ ban hành Nghị định".to_string(),
            _ => "khi phát sinh tình huống".to_string(),
        };
        // Parsing is the costly part of generation; forms repeat.
        self.deadlines.entry(text).or_insert_with_key(|t| Deadline::parse(t)).clone()
    }
}

const POINTS: &[&str] = &["a", "b", "c", "d"];

fn dmy(d: Date) -> String {
    format!("{:02}/{}/{}", d.day(), d.month(), d.year())
}

fn link(doc: &DocId, path: Option<&str>) -> Implements {
    let target = match path {
        Some(p) => ClauseId::clause(doc.clone(), p).expect("generated paths are valid"),
        None => ClauseId::document(doc.clone()),
    };
    Implements { target, provenance: Provenance::Stated, score: None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::LineageGraph;

    #[test]
    fn same_seed_same_bytes() {
        let g = Generator::new(42).provinces(4).communes(3);
        assert_eq!(g.generate().to_json(), g.generate().to_json());
        assert_ne!(g.generate().to_json(), Generator::new(43).provinces(4).communes(3).generate().to_json());
    }

    #[test]
    fn valid_and_sized() {
        for map in [ProvinceMap::After2025, ProvinceMap::Before2025] {
            let g = Generator::new(1).province_map(map).directives(2);
            let corpus = g.generate();
            let clauses: usize = corpus.documents().iter().map(|d| d.clauses.len()).sum();
            let est = g.estimated_clauses();
            assert!(clauses * 10 > est * 8 && clauses * 10 < est * 12, "{clauses} vs {est}");
            let provinces = corpus.jurisdictions().iter().filter(|j| j.level == Level::Province).count();
            assert_eq!(provinces, if map == ProvinceMap::After2025 { 34 } else { 63 });
            let graph = LineageGraph::build(corpus);
            let problems = graph.validate();
            assert!(problems.is_empty(), "{:?}", &problems[..problems.len().min(5)]);
        }
    }

    /// Corpus JSON is parsed in pieces on several threads; the result must
    /// be the whole-file parse, and an error anywhere must still name its line.
    #[test]
    fn chunked_parse_matches_whole_parse() {
        let json = Generator::new(5).provinces(3).generate().to_json();
        assert!(json.len() > 8 * (64 << 10), "test blocks are 64 KiB: {}", json.len());
        let whole: serde_json::Value = serde_json::from_str(&json).unwrap();
        let chunked = Corpus::from_json("generated.json", &json).unwrap();
        assert_eq!(serde_json::from_str::<serde_json::Value>(&chunked.to_json()).unwrap(), whole);
        // Break a document in the middle of the text.
        let at = json[json.len() / 2..].find("\"kind\": \"bullet\"").unwrap() + json.len() / 2;
        let broken = format!("{}\"kind\": 7{}", &json[..at], &json[at + "\"kind\": \"bullet\"".len()..]);
        let line = json[..at].lines().count();
        let err = Corpus::from_json("generated.json", &broken).unwrap_err().to_string();
        assert!(err.contains(&format!("generated.json:{line}:")), "{err}");
    }

    /// `LineageGraph::load` builds while the pieces are parsed (64 KiB in
    /// tests, so dozens of them, arriving out of order): the graph must be
    /// the one built from the whole corpus, and an error must still name its
    /// file and line.
    #[test]
    fn graph_load_matches_build() {
        use crate::{node_link_json, LineageGraph, NodeLinkOptions};
        let corpus = Generator::new(7).provinces(3).generate();
        let json = corpus.to_json();
        assert!(json.len() > 8 * (64 << 10), "test blocks are 64 KiB: {}", json.len());
        let dir = std::env::temp_dir().join(format!("lineage-graph-load-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("corpus")).unwrap();
        let table = |format: &str, key: &str, rows: serde_json::Value| {
            serde_json::to_string_pretty(&serde_json::json!({ "format": format, key: rows })).unwrap()
        };
        std::fs::write(dir.join("agencies.json"), corpus.agencies_to_json()).unwrap();
        std::fs::write(
            dir.join("jurisdictions.json"),
            table(
                "directive-lineage/jurisdictions@1",
                "jurisdictions",
                serde_json::json!(corpus.jurisdictions()),
            ),
        )
        .unwrap();
        // Two files, so that links also cross files.
        let docs = corpus.documents();
        let half = docs.len() / 2;
        let part = |d: &[crate::Document]| {
            let mut c = Corpus::new();
            d.iter().for_each(|d| c.add(d.clone()));
            c.to_json()
        };
        std::fs::write(dir.join("corpus/a.json"), part(&docs[..half])).unwrap();
        std::fs::write(dir.join("corpus/b.json"), part(&docs[half..])).unwrap();

        let loaded = LineageGraph::load(&dir).unwrap();
        let built = LineageGraph::build(Corpus::load(&dir).unwrap());
        assert_eq!(loaded.node_count(), built.node_count());
        assert_eq!(loaded.edge_count(), built.edge_count());
        let opts = NodeLinkOptions::new();
        assert!(node_link_json(&loaded, &opts) == node_link_json(&built, &opts), "same graph, same bytes");
        assert_eq!(loaded.validate(), built.validate());
        assert_eq!(loaded.corpus().origin(0), Some(dir.join("corpus/a.json").as_path()));

        // A document whose target comes later in the files still gets its
        // link; one that names a missing target is reported.
        let mut reversed = Corpus::new();
        docs.iter().rev().for_each(|d| reversed.add(d.clone()));
        std::fs::remove_file(dir.join("corpus/b.json")).unwrap();
        std::fs::write(dir.join("corpus/a.json"), reversed.to_json()).unwrap();
        let loaded = LineageGraph::load(&dir).unwrap();
        assert_eq!(loaded.edge_count(), built.edge_count());
        assert!(loaded.validate().iter().all(|p| p.severity != crate::Severity::Error));

        let text = std::fs::read_to_string(dir.join("corpus/a.json")).unwrap();
        let at = text[text.len() / 2..].find("\"kind\": \"bullet\"").unwrap() + text.len() / 2;
        let broken = format!("{}\"kind\": 7{}", &text[..at], &text[at + "\"kind\": \"bullet\"".len()..]);
        std::fs::write(dir.join("corpus/a.json"), &broken).unwrap();
        let line = text[..at].lines().count();
        let err = LineageGraph::load(&dir).expect_err("a broken file").to_string();
        assert!(err.contains(&format!("a.json:{line}:")), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn successors_follow_the_2025_reform() {
        let corpus =
            Generator::new(1).province_map(ProvinceMap::Before2025).provinces(1).communes(0).generate();
        let succ = |id: &str| corpus.jurisdiction(id).and_then(|j| j.successor.clone());
        assert_eq!(succ("thai-binh").as_deref(), Some("hung-yen"));
        assert_eq!(succ("kon-tum").as_deref(), Some("quang-ngai"));
        assert_eq!(succ("ba-ria-vung-tau").as_deref(), Some("ho-chi-minh"));
        assert_eq!(succ("quang-ninh"), None);
        let merged = corpus.jurisdictions().iter().filter(|j| j.successor.is_some()).count();
        assert_eq!(merged, 29);
    }
}

/// Starting points for timing queries on a generated corpus, chosen the same
/// way by the criterion benches and by the networkx comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartPoints {
    /// The directive group whose trace down is closest to 5,000 nodes.
    pub trace_down: String,
    /// That group's directive.
    pub directive: String,
    /// The first clause of a commune plan in the middle of the corpus.
    pub trace_up: String,
    /// That commune's province.
    pub province: String,
    /// Six months after the last date of issue: many deadlines have passed.
    pub as_of: Date,
}

/// Picks [`StartPoints`]; `None` when the corpus has no Party directive, no
/// commune plan or no dated document.
///
/// ```
/// use directive_lineage::generate::{start_points, Generator};
/// use directive_lineage::LineageGraph;
/// let graph = LineageGraph::build(Generator::new(7).directives(1).provinces(3).communes(2).generate());
/// let p = start_points(&graph).unwrap();
/// assert!(graph.contains(&p.trace_down) && graph.contains(&p.trace_up));
/// ```
pub fn start_points(graph: &crate::LineageGraph) -> Option<StartPoints> {
    let opts = crate::QueryOptions::new();
    let docs = graph.corpus().documents();
    let mut best: Option<(usize, String)> = None;
    let directives =
        docs.iter().filter(|d| d.level == Level::Central && d.number.as_ref().is_some_and(|n| n.is_party()));
    for d in directives {
        for c in d.clauses.iter().filter(|c| !c.path.contains('.')) {
            let id = format!("{}#{}", d.id, c.path);
            let n = graph.trace_down(&id, &opts).map(|t| t.len()).unwrap_or(0);
            if best.as_ref().is_none_or(|(b, _)| n.abs_diff(5000) < b.abs_diff(5000)) {
                best = Some((n, id));
            }
        }
    }
    let (_, trace_down) = best?;
    let directive = trace_down.split('#').next().unwrap_or_default().to_string();
    let commune =
        docs[docs.len() / 2..].iter().find(|d| d.level == Level::Commune && !d.clauses.is_empty())?;
    let trace_up = format!("{}#{}", commune.id, commune.clauses[0].path);
    let j = &commune.jurisdiction;
    let province = j.rsplit_once("-xa-").or(j.rsplit_once("-phuong-")).map(|(p, _)| p.to_string())?;
    let last = docs.iter().filter_map(|d| d.date).max()?;
    let m = last.month() as u16 + 6;
    let as_of = Date::new(last.year() + (m - 1) / 12, ((m - 1) % 12 + 1) as u8, 1)?;
    Some(StartPoints { trace_down, directive, trace_up, province, as_of })
}
