//! Generates a deterministic, realistic bilingual (English + Simplified Chinese) leaflet corpus
//! as a complete leafpress site folder, for load tests and end-to-end checks.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --leaflets 1000 --out /tmp/corpus [--seed 7]
//! ```
//!
//! The same arguments always give byte-identical files. Each leaflet is built once as a list of
//! sections whose every sentence, list item, table cell and link is an English/Chinese pair
//! filled from the same values, so both languages carry the same sections, list items, table
//! rows, image, links and numbers with units.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

#[derive(Parser)]
#[command(about = "Write a deterministic bilingual leafpress test site into an empty folder")]
struct Args {
    /// How many leaflets to write (each has en.md, zh.md and diagram.svg).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    leaflets: u64,
    /// The site folder to create; it must not exist or be empty.
    #[arg(long)]
    out: PathBuf,
    /// Seed of the pseudo-random choices; the same seed gives the same corpus.
    #[arg(long, default_value_t = 0x1EAF_9E55)]
    seed: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("gen-corpus: error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<String, String> {
    let started = Instant::now();
    let out = &args.out;
    if out.exists() {
        let mut entries = fs::read_dir(out).map_err(|e| {
            format!(
                "{} exists and cannot be read as a folder: {e}",
                out.display()
            )
        })?;
        if entries.next().is_some() {
            return Err(format!(
                "refusing to write into {}: it exists and is not empty (choose a new or empty folder)",
                out.display()
            ));
        }
    }
    let count = usize::try_from(args.leaflets).map_err(|_| "too many leaflets".to_string())?;
    let corpus = Corpus::plan(count, args.seed);

    let mut files = 0usize;
    let mut bytes = 0usize;
    let mut write = |path: &Path, content: &str| -> Result<(), String> {
        fs::write(path, content).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        files += 1;
        bytes += content.len();
        Ok(())
    };
    fs::create_dir_all(out.join("leaflets"))
        .map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    write(
        &out.join("site.yaml"),
        "hospital:\n  name: { en: Generated Example Hospital, zh: 生成示例医院 }\n  emergency: \"999\"\n  phone: \"020 7946 0000\"\nbase_url: https://leaflets.example.org/\nlanguages: [en, zh]\n",
    )?;

    let (mut en_words, mut zh_chars) = ((usize::MAX, 0), (usize::MAX, 0));
    for index in 0..count {
        let leaflet = corpus.leaflet(index);
        let dir = out.join("leaflets").join(&corpus.slugs[index]);
        fs::create_dir(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        write(&dir.join("en.md"), &leaflet.en)?;
        write(&dir.join("zh.md"), &leaflet.zh)?;
        write(&dir.join("diagram.svg"), &leaflet.svg)?;
        en_words = (
            en_words.0.min(leaflet.en_words),
            en_words.1.max(leaflet.en_words),
        );
        zh_chars = (
            zh_chars.0.min(leaflet.zh_chars),
            zh_chars.1.max(leaflet.zh_chars),
        );
    }
    Ok(format!(
        "gen-corpus: wrote {files} files, {bytes} bytes, into {}: site.yaml + {count} × \
         leaflets/<slug>/{{en.md,zh.md,diagram.svg}}; bodies of {}–{} English words and \
         {}–{} Chinese characters; {:.2} s",
        out.display(),
        en_words.0,
        en_words.1,
        zh_chars.0,
        zh_chars.1,
        started.elapsed().as_secs_f64()
    ))
}

// ---------------------------------------------------------------------------------------------
// Pseudo-random numbers: SplitMix64, so the corpus depends on nothing but the arguments.

struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi - lo + 1) as usize) as u32
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Between `min` and `max` of `items` (fewer if there are fewer), in their original order.
    fn subset<T: Clone>(&mut self, items: &[T], min: usize, max: usize) -> Vec<T> {
        let max = max.min(items.len());
        let k = min.min(max) + self.below(max - min.min(max) + 1);
        let mut indices: Vec<usize> = (0..items.len()).collect();
        for i in 0..k {
            let j = i + self.below(indices.len() - i);
            indices.swap(i, j);
        }
        indices.truncate(k);
        indices.sort_unstable();
        indices.into_iter().map(|i| items[i].clone()).collect()
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Word lists: departments and procedures.

struct Department {
    en: &'static str,
    zh: &'static str,
    unit_en: &'static str,
    unit_zh: &'static str,
}

const DEPARTMENTS: &[Department] = &[
    Department {
        en: "Gastroenterology",
        zh: "消化内科",
        unit_en: "Endoscopy Unit",
        unit_zh: "内镜中心",
    },
    Department {
        en: "Cardiology",
        zh: "心内科",
        unit_en: "Cardiac Day Unit",
        unit_zh: "心脏日间病房",
    },
    Department {
        en: "Ophthalmology",
        zh: "眼科",
        unit_en: "Eye Clinic",
        unit_zh: "眼科门诊",
    },
    Department {
        en: "Radiology",
        zh: "放射科",
        unit_en: "Imaging Department",
        unit_zh: "影像中心",
    },
    Department {
        en: "Orthopaedics",
        zh: "骨科",
        unit_en: "Orthopaedic Ward",
        unit_zh: "骨科病房",
    },
    Department {
        en: "Urology",
        zh: "泌尿外科",
        unit_en: "Urology Clinic",
        unit_zh: "泌尿外科门诊",
    },
    Department {
        en: "Gynaecology",
        zh: "妇科",
        unit_en: "Women's Health Unit",
        unit_zh: "妇女健康中心",
    },
    Department {
        en: "Respiratory Medicine",
        zh: "呼吸内科",
        unit_en: "Lung Function Unit",
        unit_zh: "肺功能室",
    },
    Department {
        en: "General Surgery",
        zh: "普通外科",
        unit_en: "Surgical Day Unit",
        unit_zh: "外科日间病房",
    },
    Department {
        en: "Ear, Nose and Throat",
        zh: "耳鼻喉科",
        unit_en: "Ear, Nose and Throat Clinic",
        unit_zh: "耳鼻喉科门诊",
    },
    Department {
        en: "Dermatology",
        zh: "皮肤科",
        unit_en: "Skin Clinic",
        unit_zh: "皮肤科门诊",
    },
    Department {
        en: "Neurology",
        zh: "神经内科",
        unit_en: "Neurology Day Unit",
        unit_zh: "神经内科日间病房",
    },
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Test,
    Scan,
    Operation,
    Treatment,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Anaesthetic {
    None,
    Local,
    Sedation,
    General,
}

struct Procedure {
    slug: &'static str,
    title: &'static str,
    /// In a sentence, without and with its article: "colonoscopy", "a colonoscopy".
    name: &'static str,
    a_name: &'static str,
    zh: &'static str,
    department: usize,
    kind: Kind,
    anaesthetic: Anaesthetic,
    area: (&'static str, &'static str),
    about: (&'static str, &'static str),
    tags: [(&'static str, &'static str); 2],
    minutes: (u32, u32),
    /// Nights in hospital, for operations that are not day cases.
    nights: Option<(u32, u32)>,
}

const PROCEDURES: &[Procedure] = &[
    Procedure {
        slug: "colonoscopy",
        title: "Colonoscopy",
        name: "colonoscopy",
        a_name: "a colonoscopy",
        zh: "结肠镜检查",
        department: 0,
        kind: Kind::Test,
        anaesthetic: Anaesthetic::Sedation,
        area: ("large bowel", "大肠"),
        about: (
            "A colonoscopy looks at the inside of your large bowel. The doctor uses a thin, bendy tube with a small camera on the end.",
            "结肠镜检查用来观察大肠的内部情况。医生会使用前端带有小型摄像头的细软管。",
        ),
        tags: [("endoscopy", "内镜"), ("bowel", "肠道")],
        minutes: (30, 45),
        nights: None,
    },
    Procedure {
        slug: "gastroscopy",
        title: "Gastroscopy",
        name: "gastroscopy",
        a_name: "a gastroscopy",
        zh: "胃镜检查",
        department: 0,
        kind: Kind::Test,
        anaesthetic: Anaesthetic::Sedation,
        area: ("stomach", "胃部"),
        about: (
            "A gastroscopy looks at the inside of your food pipe and stomach. A thin tube with a camera goes in through your mouth.",
            "胃镜检查用来观察食管和胃的内部情况。医生会把带摄像头的细管从口腔送入。",
        ),
        tags: [("endoscopy", "内镜"), ("stomach", "胃")],
        minutes: (5, 15),
        nights: None,
    },
    Procedure {
        slug: "flexible-sigmoidoscopy",
        title: "Flexible sigmoidoscopy",
        name: "flexible sigmoidoscopy",
        a_name: "a flexible sigmoidoscopy",
        zh: "乙状结肠镜检查",
        department: 0,
        kind: Kind::Test,
        anaesthetic: Anaesthetic::None,
        area: ("lower bowel", "下段肠道"),
        about: (
            "This test looks at the last part of your bowel. The doctor uses a short, bendy tube with a camera on the end.",
            "这项检查用来观察肠道的最后一段。医生会使用前端带摄像头的短软管。",
        ),
        tags: [("endoscopy", "内镜"), ("bowel", "肠道")],
        minutes: (10, 20),
        nights: None,
    },
    Procedure {
        slug: "coronary-angiogram",
        title: "Coronary angiogram",
        name: "coronary angiogram",
        a_name: "a coronary angiogram",
        zh: "冠状动脉造影",
        department: 1,
        kind: Kind::Test,
        anaesthetic: Anaesthetic::Local,
        area: ("heart", "心脏"),
        about: (
            "A coronary angiogram shows the blood vessels that feed your heart. We put dye into them and take pictures.",
            "冠状动脉造影可以显示为心脏供血的血管。我们会向血管内注入造影剂，然后拍摄影像。",
        ),
        tags: [("heart", "心脏"), ("angiogram", "造影")],
        minutes: (30, 60),
        nights: None,
    },
    Procedure {
        slug: "pacemaker-fitting",
        title: "Pacemaker fitting",
        name: "pacemaker fitting",
        a_name: "a pacemaker fitting",
        zh: "起搏器植入术",
        department: 1,
        kind: Kind::Operation,
        anaesthetic: Anaesthetic::Local,
        area: ("chest", "胸部"),
        about: (
            "A pacemaker is a small device that helps your heart beat at the right speed. We place it under the skin below your collarbone.",
            "起搏器是帮助心脏以正常速度跳动的小型装置。我们会把它放在锁骨下方的皮肤下面。",
        ),
        tags: [("heart", "心脏"), ("device", "装置")],
        minutes: (45, 90),
        nights: None,
    },
    Procedure {
        slug: "echocardiogram",
        title: "Echocardiogram",
        name: "echocardiogram",
        a_name: "an echocardiogram",
        zh: "超声心动图检查",
        department: 1,
        kind: Kind::Scan,
        anaesthetic: Anaesthetic::None,
        area: ("heart", "心脏"),
        about: (
            "An echocardiogram is an ultrasound scan of your heart. It shows how well your heart pumps and how its valves work.",
            "超声心动图检查是针对心脏的超声扫描。它可以显示心脏的泵血功能和瓣膜的工作情况。",
        ),
        tags: [("heart", "心脏"), ("ultrasound", "超声")],
        minutes: (30, 60),
        nights: None,
    },
    Procedure {
        slug: "cataract-surgery",
        title: "Cataract surgery",
        name: "cataract surgery",
        a_name: "cataract surgery",
        zh: "白内障手术",
        department: 2,
        kind: Kind::Operation,
        anaesthetic: Anaesthetic::Local,
        area: ("eye", "眼睛"),
        about: (
            "Cataract surgery takes out the cloudy lens inside your eye. We replace it with a clear plastic lens.",
            "白内障手术会取出眼内混浊的晶状体。我们会换上透明的人工晶状体。",
        ),
        tags: [("eyes", "眼睛"), ("surgery", "手术")],
        minutes: (20, 30),
        nights: None,
    },
    Procedure {
        slug: "eye-injection",
        title: "Eye injection",
        name: "eye injection",
        a_name: "an eye injection",
        zh: "眼内注射",
        department: 2,
        kind: Kind::Treatment,
        anaesthetic: Anaesthetic::Local,
        area: ("eye", "眼睛"),
        about: (
            "An eye injection puts medicine into the jelly at the back of your eye. It can stop your sight from getting worse.",
            "眼内注射是把药物注入眼球后部的玻璃体中。它可以防止视力继续下降。",
        ),
        tags: [("eyes", "眼睛"), ("injection", "注射")],
        minutes: (10, 20),
        nights: None,
    },
    Procedure {
        slug: "laser-eye-treatment",
        title: "Laser eye treatment",
        name: "laser eye treatment",
        a_name: "laser eye treatment",
        zh: "眼部激光治疗",
        department: 2,
        kind: Kind::Treatment,
        anaesthetic: Anaesthetic::Local,
        area: ("eye", "眼睛"),
        about: (
            "Laser eye treatment uses a strong beam of light to seal or treat the back of your eye.",
            "眼部激光治疗利用强光束来封闭或治疗眼球后部的病变。",
        ),
        tags: [("eyes", "眼睛"), ("laser", "激光")],
        minutes: (10, 30),
        nights: None,
    },
    Procedure {
        slug: "ct-scan",
        title: "CT scan",
        name: "CT scan",
        a_name: "a CT scan",
        zh: "CT 扫描",
        department: 3,
        kind: Kind::Scan,
        anaesthetic: Anaesthetic::None,
        area: ("body", "身体"),
        about: (
            "A CT scan uses X-rays and a computer to make detailed pictures of the inside of your body.",
            "CT 扫描利用射线和计算机生成身体内部的详细图像。",
        ),
        tags: [("scan", "扫描"), ("imaging", "影像")],
        minutes: (10, 20),
        nights: None,
    },
    Procedure {
        slug: "mri-scan",
        title: "MRI scan",
        name: "MRI scan",
        a_name: "an MRI scan",
        zh: "磁共振检查",
        department: 3,
        kind: Kind::Scan,
        anaesthetic: Anaesthetic::None,
        area: ("body", "身体"),
        about: (
            "An MRI scan uses a strong magnet and radio waves to make pictures of the inside of your body. It does not use X-rays.",
            "磁共振检查利用强磁场和无线电波生成身体内部的图像。它不使用放射线。",
        ),
        tags: [("scan", "扫描"), ("imaging", "影像")],
        minutes: (20, 45),
        nights: None,
    },
    Procedure {
        slug: "ultrasound-scan",
        title: "Ultrasound scan",
        name: "ultrasound scan",
        a_name: "an ultrasound scan",
        zh: "超声检查",
        department: 3,
        kind: Kind::Scan,
        anaesthetic: Anaesthetic::None,
        area: ("tummy", "腹部"),
        about: (
            "An ultrasound scan uses sound waves to make pictures of the inside of your body. It is safe and does not hurt.",
            "超声检查利用声波生成身体内部的图像。它很安全，也不会痛。",
        ),
        tags: [("scan", "扫描"), ("ultrasound", "超声")],
        minutes: (15, 30),
        nights: None,
    },
    Procedure {
        slug: "knee-replacement",
        title: "Knee replacement",
        name: "knee replacement",
        a_name: "a knee replacement",
        zh: "膝关节置换术",
        department: 4,
        kind: Kind::Operation,
        anaesthetic: Anaesthetic::General,
        area: ("knee", "膝关节"),
        about: (
            "A knee replacement takes away the worn parts of your knee joint. We replace them with metal and plastic parts.",
            "膝关节置换术会切除膝关节中磨损的部分，并换上金属和塑料制成的人工关节。",
        ),
        tags: [("joints", "关节"), ("surgery", "手术")],
        minutes: (60, 90),
        nights: Some((1, 3)),
    },
    Procedure {
        slug: "hip-replacement",
        title: "Hip replacement",
        name: "hip replacement",
        a_name: "a hip replacement",
        zh: "髋关节置换术",
        department: 4,
        kind: Kind::Operation,
        anaesthetic: Anaesthetic::General,
        area: ("hip", "髋关节"),
        about: (
            "A hip replacement takes away the worn parts of your hip joint. We replace them with a new ball and socket.",
            "髋关节置换术会切除髋关节中磨损的部分，并换上新的人工股骨头和髋臼。",
        ),
        tags: [("joints", "关节"), ("surgery", "手术")],
        minutes: (60, 120),
        nights: Some((1, 3)),
    },
    Procedure {
        slug: "carpal-tunnel-release",
        title: "Carpal tunnel release",
        name: "carpal tunnel release",
        a_name: "a carpal tunnel release",
        zh: "腕管松解术",
        department: 4,
        kind: Kind::Operation,
        anaesthetic: Anaesthetic::Local,
        area: ("wrist", "手腕"),
        about: (
            "This operation frees a trapped nerve in your wrist. It can ease numbness and tingling in your hand.",
            "这项手术可以松解手腕中受压的神经，缓解手部麻木和刺痛。",
        ),
        tags: [("hands", "手部"), ("surgery", "手术")],
        minutes: (15, 30),
        nights: None,
    },
    Procedure {
        slug: "cystoscopy",
        title: "Cystoscopy",
        name: "cystoscopy",
        a_name: "a cystoscopy",
        zh: "膀胱镜检查",
        department: 5,
        kind: Kind::Test,
        anaesthetic: Anaesthetic::Local,
        area: ("bladder", "膀胱"),
        about: (
            "A cystoscopy looks at the inside of your bladder. The doctor uses a thin tube with a camera on the end.",
            "膀胱镜检查用来观察膀胱内部。医生会使用前端带摄像头的细管。",
        ),
        tags: [("bladder", "膀胱"), ("endoscopy", "内镜")],
        minutes: (5, 15),
        nights: None,
    },
    Procedure {
        slug: "prostate-biopsy",
        title: "Prostate biopsy",
        name: "prostate biopsy",
        a_name: "a prostate biopsy",
        zh: "前列腺活检",
        department: 5,
        kind: Kind::Test,
        anaesthetic: Anaesthetic::Local,
        area: ("prostate", "前列腺"),
        about: (
            "A prostate biopsy takes small samples of tissue from your prostate gland. We look at them under a microscope.",
            "前列腺活检会从前列腺取出少量组织样本，放在显微镜下观察。",
        ),
        tags: [("prostate", "前列腺"), ("biopsy", "活检")],
        minutes: (15, 30),
        nights: None,
    },
    Procedure {
        slug: "kidney-stone-treatment",
        title: "Kidney stone treatment",
        name: "kidney stone treatment",
        a_name: "kidney stone treatment",
        zh: "肾结石治疗",
        department: 5,
        kind: Kind::Treatment,
        anaesthetic: Anaesthetic::Sedation,
        area: ("kidney", "肾脏"),
        about: (
            "This treatment uses shock waves to break a kidney stone into small pieces. You then pass the pieces when you pee.",
            "这项治疗利用冲击波把肾结石击碎成小块，碎石随后会随尿液排出。",
        ),
        tags: [("kidneys", "肾脏"), ("stones", "结石")],
        minutes: (30, 60),
        nights: None,
    },
    Procedure {
        slug: "hysteroscopy",
        title: "Hysteroscopy",
        name: "hysteroscopy",
        a_name: "a hysteroscopy",
        zh: "宫腔镜检查",
        department: 6,
        kind: Kind::Test,
        anaesthetic: Anaesthetic::Local,
        area: ("womb", "子宫"),
        about: (
            "A hysteroscopy looks at the inside of your womb. The doctor uses a thin tube with a camera on the end.",
            "宫腔镜检查用来观察子宫内部。医生会使用前端带摄像头的细管。",
        ),
        tags: [("womb", "子宫"), ("endoscopy", "内镜")],
        minutes: (10, 30),
        nights: None,
    },
    Procedure {
        slug: "colposcopy",
        title: "Colposcopy",
        name: "colposcopy",
        a_name: "a colposcopy",
        zh: "阴道镜检查",
        department: 6,
        kind: Kind::Test,
        anaesthetic: Anaesthetic::None,
        area: ("cervix", "宫颈"),
        about: (
            "A colposcopy takes a close look at your cervix, the neck of the womb. It often follows a smear test.",
            "阴道镜检查用来仔细观察宫颈，也就是子宫的颈部。通常在宫颈筛查之后进行。",
        ),
        tags: [("cervix", "宫颈"), ("screening", "筛查")],
        minutes: (15, 20),
        nights: None,
    },
    Procedure {
        slug: "laparoscopy",
        title: "Laparoscopy",
        name: "laparoscopy",
        a_name: "a laparoscopy",
        zh: "腹腔镜手术",
        department: 6,
        kind: Kind::Operation,
        anaesthetic: Anaesthetic::General,
        area: ("tummy", "腹部"),
        about: (
            "A laparoscopy is keyhole surgery. The surgeon looks inside your tummy through small cuts.",
            "腹腔镜手术是微创手术。外科医生会通过几个小切口观察腹腔内部。",
        ),
        tags: [("keyhole", "微创"), ("surgery", "手术")],
        minutes: (30, 60),
        nights: None,
    },
    Procedure {
        slug: "bronchoscopy",
        title: "Bronchoscopy",
        name: "bronchoscopy",
        a_name: "a bronchoscopy",
        zh: "支气管镜检查",
        department: 7,
        kind: Kind::Test,
        anaesthetic: Anaesthetic::Sedation,
        area: ("lungs", "肺部"),
        about: (
            "A bronchoscopy looks at the airways in your lungs. A thin tube with a camera goes in through your nose or mouth.",
            "支气管镜检查用来观察肺部的气道。带摄像头的细管会从鼻腔或口腔送入。",
        ),
        tags: [("lungs", "肺部"), ("endoscopy", "内镜")],
        minutes: (20, 40),
        nights: None,
    },
    Procedure {
        slug: "lung-function-test",
        title: "Lung function test",
        name: "lung function test",
        a_name: "a lung function test",
        zh: "肺功能检查",
        department: 7,
        kind: Kind::Test,
        anaesthetic: Anaesthetic::None,
        area: ("lungs", "肺部"),
        about: (
            "A lung function test shows how well your lungs work. You breathe into a machine through a mouthpiece.",
            "肺功能检查可以显示您的肺部功能如何。您需要通过咬嘴向仪器里吹气。",
        ),
        tags: [("lungs", "肺部"), ("breathing", "呼吸")],
        minutes: (30, 60),
        nights: None,
    },
    Procedure {
        slug: "lung-biopsy",
        title: "Lung biopsy",
        name: "lung biopsy",
        a_name: "a lung biopsy",
        zh: "肺活检",
        department: 7,
        kind: Kind::Test,
        anaesthetic: Anaesthetic::Local,
        area: ("lungs", "肺部"),
        about: (
            "A lung biopsy takes a small piece of tissue from your lung. A scan guides a thin needle to the right place.",
            "肺活检会从肺部取出少量组织。医生会在扫描引导下把细针送到准确的位置。",
        ),
        tags: [("lungs", "肺部"), ("biopsy", "活检")],
        minutes: (30, 60),
        nights: None,
    },
    Procedure {
        slug: "hernia-repair",
        title: "Hernia repair",
        name: "hernia repair",
        a_name: "a hernia repair",
        zh: "疝修补术",
        department: 8,
        kind: Kind::Operation,
        anaesthetic: Anaesthetic::General,
        area: ("groin", "腹股沟"),
        about: (
            "A hernia is a bulge where part of your gut pushes through a weak spot in your tummy wall. We push it back and add a mesh.",
            "疝是指部分肠管从腹壁薄弱处向外突出。手术会把它推回原位，并放置补片加固。",
        ),
        tags: [("hernia", "疝气"), ("surgery", "手术")],
        minutes: (30, 60),
        nights: None,
    },
    Procedure {
        slug: "gallbladder-removal",
        title: "Gallbladder removal",
        name: "gallbladder removal",
        a_name: "gallbladder removal",
        zh: "胆囊切除术",
        department: 8,
        kind: Kind::Operation,
        anaesthetic: Anaesthetic::General,
        area: ("gallbladder", "胆囊"),
        about: (
            "This operation takes out your gallbladder. Most people have it as keyhole surgery.",
            "这项手术会切除胆囊。大多数人采用微创手术的方式。",
        ),
        tags: [("gallbladder", "胆囊"), ("keyhole", "微创")],
        minutes: (60, 90),
        nights: None,
    },
    Procedure {
        slug: "varicose-vein-treatment",
        title: "Varicose vein treatment",
        name: "varicose vein treatment",
        a_name: "varicose vein treatment",
        zh: "静脉曲张治疗",
        department: 8,
        kind: Kind::Treatment,
        anaesthetic: Anaesthetic::Local,
        area: ("leg", "腿部"),
        about: (
            "This treatment closes veins in your leg that are swollen and twisted. Blood then flows through healthy veins.",
            "这项治疗会封闭腿部肿胀、扭曲的静脉，血液随后会流经健康的静脉。",
        ),
        tags: [("veins", "静脉"), ("legs", "腿部")],
        minutes: (30, 60),
        nights: None,
    },
    Procedure {
        slug: "tonsil-removal",
        title: "Tonsil removal",
        name: "tonsil removal",
        a_name: "tonsil removal",
        zh: "扁桃体切除术",
        department: 9,
        kind: Kind::Operation,
        anaesthetic: Anaesthetic::General,
        area: ("throat", "咽喉"),
        about: (
            "This operation takes out your tonsils. They sit at the back of your throat.",
            "这项手术会切除位于咽喉后部的扁桃体。",
        ),
        tags: [("throat", "咽喉"), ("surgery", "手术")],
        minutes: (20, 40),
        nights: None,
    },
    Procedure {
        slug: "grommet-insertion",
        title: "Grommet insertion",
        name: "grommet insertion",
        a_name: "grommet insertion",
        zh: "鼓膜置管术",
        department: 9,
        kind: Kind::Operation,
        anaesthetic: Anaesthetic::General,
        area: ("ear", "耳朵"),
        about: (
            "Grommets are tiny tubes that let air into the middle ear. They help fluid drain away.",
            "鼓膜置管是在鼓膜上放置细小的通气管，让空气进入中耳，帮助积液排出。",
        ),
        tags: [("ears", "耳朵"), ("surgery", "手术")],
        minutes: (10, 20),
        nights: None,
    },
    Procedure {
        slug: "nasal-polyp-removal",
        title: "Nasal polyp removal",
        name: "nasal polyp removal",
        a_name: "nasal polyp removal",
        zh: "鼻息肉切除术",
        department: 9,
        kind: Kind::Operation,
        anaesthetic: Anaesthetic::General,
        area: ("nose", "鼻腔"),
        about: (
            "Nasal polyps are soft growths inside your nose. This operation takes them out so you can breathe more easily.",
            "鼻息肉是鼻腔内的柔软赘生物。这项手术会把它们切除，让您呼吸更顺畅。",
        ),
        tags: [("nose", "鼻腔"), ("surgery", "手术")],
        minutes: (30, 60),
        nights: None,
    },
    Procedure {
        slug: "skin-biopsy",
        title: "Skin biopsy",
        name: "skin biopsy",
        a_name: "a skin biopsy",
        zh: "皮肤活检",
        department: 10,
        kind: Kind::Test,
        anaesthetic: Anaesthetic::Local,
        area: ("skin", "皮肤"),
        about: (
            "A skin biopsy takes a small piece of skin. We look at it under a microscope.",
            "皮肤活检会取下少量皮肤组织，放在显微镜下观察。",
        ),
        tags: [("skin", "皮肤"), ("biopsy", "活检")],
        minutes: (15, 30),
        nights: None,
    },
    Procedure {
        slug: "mole-removal",
        title: "Mole removal",
        name: "mole removal",
        a_name: "mole removal",
        zh: "痣切除术",
        department: 10,
        kind: Kind::Operation,
        anaesthetic: Anaesthetic::Local,
        area: ("skin", "皮肤"),
        about: (
            "This minor operation takes out a mole. We send it to the lab to be checked.",
            "这项小手术会切除痣，并送到化验室检查。",
        ),
        tags: [("skin", "皮肤"), ("surgery", "手术")],
        minutes: (20, 40),
        nights: None,
    },
    Procedure {
        slug: "light-therapy",
        title: "Light therapy",
        name: "light therapy",
        a_name: "light therapy",
        zh: "光疗",
        department: 10,
        kind: Kind::Treatment,
        anaesthetic: Anaesthetic::None,
        area: ("skin", "皮肤"),
        about: (
            "Light therapy shines a special light on your skin. It can calm skin problems such as psoriasis.",
            "光疗是用特殊的光照射皮肤，可以缓解银屑病等皮肤问题。",
        ),
        tags: [("skin", "皮肤"), ("light", "光疗")],
        minutes: (5, 15),
        nights: None,
    },
    Procedure {
        slug: "lumbar-puncture",
        title: "Lumbar puncture",
        name: "lumbar puncture",
        a_name: "a lumbar puncture",
        zh: "腰椎穿刺",
        department: 11,
        kind: Kind::Test,
        anaesthetic: Anaesthetic::Local,
        area: ("spine", "脊柱"),
        about: (
            "A lumbar puncture takes a small amount of the fluid around your spine. A thin needle goes into your lower back.",
            "腰椎穿刺会抽取少量脊髓周围的液体。医生会把细针刺入您的下背部。",
        ),
        tags: [("spine", "脊柱"), ("fluid", "脑脊液")],
        minutes: (30, 45),
        nights: None,
    },
    Procedure {
        slug: "brain-wave-test",
        title: "Brain wave test",
        name: "brain wave test",
        a_name: "a brain wave test",
        zh: "脑电图检查",
        department: 11,
        kind: Kind::Test,
        anaesthetic: Anaesthetic::None,
        area: ("brain", "大脑"),
        about: (
            "This test records the electrical activity of your brain. Small discs are placed on your scalp.",
            "这项检查记录大脑的电活动。我们会在您的头皮上放置小电极片。",
        ),
        tags: [("brain", "大脑"), ("nerves", "神经")],
        minutes: (30, 60),
        nights: None,
    },
    Procedure {
        slug: "nerve-conduction-study",
        title: "Nerve conduction study",
        name: "nerve conduction study",
        a_name: "a nerve conduction study",
        zh: "神经传导检查",
        department: 11,
        kind: Kind::Test,
        anaesthetic: Anaesthetic::None,
        area: ("nerves", "神经"),
        about: (
            "This test checks how well your nerves carry signals. Small pads on your skin give tiny electric pulses.",
            "这项检查了解神经传递信号的情况。贴在皮肤上的小电极会发出微弱的电脉冲。",
        ),
        tags: [("nerves", "神经"), ("tests", "检查")],
        minutes: (30, 60),
        nights: None,
    },
];

impl Procedure {
    fn exam(&self) -> bool {
        matches!(self.kind, Kind::Test | Kind::Scan)
    }
    /// Needles, cuts or tubes inside the body.
    fn invasive(&self) -> bool {
        const GENTLE: &[&str] = &[
            "echocardiogram",
            "lung-function-test",
            "light-therapy",
            "brain-wave-test",
            "nerve-conduction-study",
        ];
        self.kind != Kind::Scan && !GENTLE.contains(&self.slug)
    }

    fn sedated(&self) -> bool {
        matches!(
            self.anaesthetic,
            Anaesthetic::Sedation | Anaesthetic::General
        )
    }

    fn kind_words(&self) -> (&'static str, &'static str) {
        match self.kind {
            Kind::Test => ("test", "检查"),
            Kind::Scan => ("scan", "扫描"),
            Kind::Operation => ("operation", "手术"),
            Kind::Treatment => ("treatment", "治疗"),
        }
    }
}

/// When a sentence of a pool fits a procedure.
#[derive(Clone, Copy)]
enum When {
    Any,
    /// Sedation or a general anaesthetic.
    Sedated,
    /// Awake: no anaesthetic or a local one.
    Awake,
    /// General anaesthetic.
    General,
    /// Tests and scans.
    Exam,
    /// Operations and treatments.
    Procedure,
    Scan,
    /// Needles, cuts or tubes: not a scan and not one of the gentle tests.
    Invasive,
    /// A needle or a cannula may be used (invasive, or a scan with dye).
    Needle,
    /// Tests and treatments on the skin surface only (pads, light, breathing).
    Gentle,
    /// Awake and invasive.
    AwakeHands,
    /// Home the same day.
    DayCase,
}

impl When {
    fn fits(self, p: &Procedure) -> bool {
        match self {
            When::Any => true,
            When::Sedated => p.sedated(),
            When::Awake => !p.sedated(),
            When::General => p.anaesthetic == Anaesthetic::General,
            When::Exam => p.exam(),
            When::Procedure => !p.exam(),
            When::Scan => p.kind == Kind::Scan,
            When::Invasive => p.invasive(),
            When::Needle => p.invasive() || p.kind == Kind::Scan,
            When::Gentle => !p.invasive() && p.kind != Kind::Scan,
            When::AwakeHands => !p.sedated() && p.invasive(),
            When::DayCase => p.nights.is_none(),
        }
    }
}

/// A sentence template in English and Chinese, with `{placeholders}` filled from the same values.
type Pair = (&'static str, &'static str);
type Pool = &'static [(When, &'static str, &'static str)];

// ---------------------------------------------------------------------------------------------
// Sentence templates, section by section.

const TITLES: &[Pair] = &[
    ("{Title}", "{zh}"),
    ("Having {a_proc}", "{zh}须知"),
    ("{Title}: what to expect", "{zh}：您需要了解的事项"),
    ("Your {proc}", "您的{zh}"),
    ("{Title}: a guide for patients", "{zh}：患者指南"),
];

const SUMMARIES: &[Pair] = &[
    (
        "What {a_proc} is, how to get ready and what to expect on the day.",
        "介绍什么是{zh}、如何做好准备，以及{kind}当天的流程。",
    ),
    (
        "How to prepare for {a_proc}, what happens and how to look after yourself afterwards.",
        "介绍如何为{zh}做准备、{kind}过程，以及之后如何照顾好自己。",
    ),
    (
        "Information for patients having {a_proc} with the {dept} team.",
        "为在{dept}接受{zh}的患者提供的信息。",
    ),
];

const INTRO_FIRST: &[Pair] = &[
    (
        "This leaflet explains {a_proc} and how to get ready for it.",
        "本须知介绍{zh}，以及{kind}前需要做哪些准备。",
    ),
    (
        "This leaflet is for people who are having {a_proc}.",
        "本须知适用于即将接受{zh}的人。",
    ),
    (
        "This leaflet tells you what happens during {a_proc} and how to look after yourself afterwards.",
        "本须知介绍{zh}的过程，以及之后如何照顾好自己。",
    ),
];

const INTRO_MORE: Pool = &[
    (
        When::Any,
        "Please read it before your appointment.",
        "请在就诊之前仔细阅读。",
    ),
    (
        When::Any,
        "Please read it now, as some steps start {stop} before your {kind}.",
        "请现在就阅读，因为有些准备工作要在{kind}前{stop}开始。",
    ),
    (
        When::Any,
        "You may find it helps to read it with a family member or friend.",
        "您可以和家人或朋友一起阅读，这可能会有帮助。",
    ),
    (
        When::Any,
        "It does not replace talking to your doctor or nurse.",
        "它不能代替您与医生或护士之间的当面交流。",
    ),
];

const WHY_HEADINGS: &[Pair] = &[
    ("Why do I need this {kind}?", "为什么要做这项{kind}？"),
    ("Why you need {a_proc}", "为什么需要做{zh}"),
    ("What is {a_proc} for?", "{zh}有什么作用？"),
];

const WHY_TEAM: &[Pair] = &[
    ("It is done by the {dept} team.", "由{dept}负责进行。"),
    (
        "Our {dept} team carries it out.",
        "由我们的{dept}团队实施。",
    ),
];

const IMAGE_ALTS: &[Pair] = &[
    (
        "Diagram of the {area} showing where the {kind} takes place.",
        "{area}示意图，标出了{kind}的部位。",
    ),
    (
        "Simple drawing of the {area}. The marked area is where we carry out the {kind}.",
        "{area}简图。标记处是进行{kind}的部位。",
    ),
];

const WHY_LIST_INTRO: &[(When, &str, &str)] = &[
    (
        When::Exam,
        "We use this {kind} to:",
        "我们通过这项{kind}来：",
    ),
    (
        When::Procedure,
        "The {kind} can help to:",
        "这项{kind}可以帮助：",
    ),
];

const WHY_ITEMS: Pool = &[
    (
        When::Exam,
        "find the cause of your symptoms",
        "找出您不适症状的原因",
    ),
    (
        When::Exam,
        "check your {area} for signs of disease",
        "检查{area}是否有病变的迹象",
    ),
    (
        When::Exam,
        "see if a treatment is working",
        "了解治疗是否有效",
    ),
    (
        When::Exam,
        "check on a problem we found before",
        "复查以前发现的问题",
    ),
    (
        When::Exam,
        "plan the best treatment for you",
        "为您制定最合适的治疗方案",
    ),
    (When::Exam, "rule out a serious illness", "排除严重疾病"),
    (When::Procedure, "ease your symptoms", "缓解您的症状"),
    (
        When::Procedure,
        "stop the problem getting worse",
        "防止病情加重",
    ),
    (
        When::Procedure,
        "help you get back to daily life",
        "帮助您恢复日常生活",
    ),
    (
        When::Procedure,
        "lower the risk of problems later on",
        "降低日后出现问题的风险",
    ),
    (
        When::Procedure,
        "treat a problem that tablets cannot fix",
        "治疗药物无法解决的问题",
    ),
    (
        When::Procedure,
        "improve your quality of life",
        "提高您的生活质量",
    ),
];

const WHY_CLOSE: Pool = &[
    (
        When::Any,
        "Your doctor will explain why they think you need it.",
        "医生会向您解释为什么认为您需要做这项{kind}。",
    ),
    (
        When::Any,
        "You do not have to have the {kind}. You can talk it over with your doctor first.",
        "您不一定要做这项{kind}。可以先和医生商量。",
    ),
    (
        When::Any,
        "It is your choice whether to go ahead.",
        "是否进行由您决定。",
    ),
    (
        When::Any,
        "We will only go ahead if you agree.",
        "只有在您同意后，我们才会进行。",
    ),
];

const WHY_EXTRA: Pool = &[
    (
        When::Procedure,
        "Your doctor has suggested this {kind} because other treatments have not helped enough.",
        "医生建议您做这项{kind}，是因为其他治疗的效果不够理想。",
    ),
    (
        When::Any,
        "This is a common {kind}, and our team does it every week.",
        "这是很常见的{kind}，我们的团队每周都会进行。",
    ),
    (
        When::Exam,
        "Your doctor has suggested this {kind} to learn more about your health.",
        "医生建议您做这项{kind}，以便更好地了解您的健康状况。",
    ),
    (
        When::Any,
        "If you decide not to have it, talk to your doctor about other options.",
        "如果您决定不做，请和医生讨论其他选择。",
    ),
    (
        When::Any,
        "Ask us if there is anything you do not understand.",
        "如果有任何不明白的地方，请问我们。",
    ),
    (
        When::Any,
        "You can bring a family member or friend to talk it over with us.",
        "您可以带家人或朋友一起来和我们商量。",
    ),
    (
        When::Any,
        "We will answer your questions before you sign anything.",
        "在您签署任何文件之前，我们会回答您的问题。",
    ),
];

const PREP_HEADINGS: &[Pair] = &[
    ("Getting ready", "{kind}前的准备"),
    ("Before your {kind}", "{kind}之前"),
    ("How to prepare", "如何做好准备"),
];

const PREP_INTRO: &[Pair] = &[
    (
        "Good preparation makes the {kind} safer and quicker.",
        "充分的准备能让{kind}进行得更安全、更顺利。",
    ),
    (
        "Please follow these steps carefully. If you do not, we may need to change the date.",
        "请认真按照以下步骤准备。否则，我们可能需要改期。",
    ),
    (
        "Read this part as soon as you get your date.",
        "收到预约日期后，请尽快阅读本部分。",
    ),
];

const PREP_EXTRA: Pool = &[
    (
        When::Any,
        "Plan how you will get to the hospital and home again.",
        "请提前安排好往返医院的交通。",
    ),
    (
        When::Any,
        "Parking near the hospital is limited, so allow extra time.",
        "医院附近停车位有限，请预留充足的时间。",
    ),
    (
        When::Any,
        "If you cannot come, please call us as soon as you can. We can then offer your slot to someone else.",
        "如果您不能来，请尽早致电我们。这样我们可以把时间安排给其他病人。",
    ),
    (
        When::Any,
        "If you might be pregnant, please tell us before your {kind}.",
        "如果您可能怀孕了，请在{kind}前告诉我们。",
    ),
    (
        When::Any,
        "Please leave jewellery and valuables at home.",
        "请不要携带首饰和贵重物品。",
    ),
    (
        When::Any,
        "If you need an interpreter, tell us and we will book one for you.",
        "如果您需要翻译，请告诉我们，我们会为您安排。",
    ),
    (
        When::Invasive,
        "Please have a bath or shower on the morning of your {kind}.",
        "{kind}当天早上请洗澡。",
    ),
    (
        When::Any,
        "Do not smoke on the day of your {kind}.",
        "{kind}当天请不要吸烟。",
    ),
];

const MEDICINES_INTRO: Pair = (
    "Tell us about all the medicines you take, including ones you buy yourself.",
    "请告诉我们您正在服用的所有药物，包括您自己购买的药。",
);

const MEDICINE_ITEMS: Pool = &[
    (
        When::Any,
        "If you take iron tablets, stop them {stop} before your {kind}.",
        "如果您在服用铁剂，请在{kind}前{stop}停药。",
    ),
    (
        When::Invasive,
        "If you take a blood thinner, such as warfarin, call us at least {stop} before. Do not stop it unless we tell you to.",
        "如果您在服用华法林等抗凝药，请至少提前{stop}致电我们。除非我们通知您，否则请不要自行停药。",
    ),
    (
        When::Any,
        "If you have diabetes, call us for advice about your insulin or tablets.",
        "如果您患有糖尿病，请致电我们，了解胰岛素或降糖药该怎么用。",
    ),
    (
        When::Any,
        "Keep taking all your other medicines as usual.",
        "您正在服用的其他药物，请照常服用。",
    ),
    (
        When::Any,
        "Tell us if you are allergic to any medicine, plaster or latex.",
        "如果您对任何药物、胶布或乳胶过敏，请告诉我们。",
    ),
    (
        When::Any,
        "If you use inhalers, bring them with you.",
        "如果您在使用吸入器，请随身带来。",
    ),
    (
        When::Any,
        "If you take tablets for blood pressure, take them as usual with a sip of water.",
        "如果您在服用降压药，请照常服药，用少量水送服即可。",
    ),
];

const EATING: &[(When, &str, &str)] = &[
    (
        When::Sedated,
        "**Do not eat for {fast} before your {kind}.** You can drink water until {clear} before. If you eat, we may need to cancel your {kind}.",
        "**{kind}前{fast}内请勿进食。**您可以喝清水，直到{kind}前{clear}。如果您吃了东西，我们可能需要取消{kind}。",
    ),
    (
        When::Awake,
        "**You can eat and drink as normal before your {kind}.** Please arrive {arrive} before your booked time.",
        "**{kind}前您可以正常饮食。**请在预约时间前{arrive}到达。",
    ),
];

const TIMETABLE_INTRO: Pair = (
    "This timetable shows what to do and when.",
    "下表列出了每个时间需要做的事情。",
);

const TIMETABLE_HEAD: (Pair, Pair) = (("When", "时间"), ("What to do", "需要做什么"));

/// Rows of the preparation timetable, in time order: (when, (when, what)).
const TIMETABLE_ROWS: &[(When, Pair, Pair)] = &[
    (
        When::Procedure,
        ("{pre} before", "{kind}前{pre}"),
        (
            "Come to the pre-assessment clinic for a health check.",
            "到术前评估门诊做健康检查。",
        ),
    ),
    (
        When::Any,
        ("{stop} before", "{kind}前{stop}"),
        (
            "Check which medicines you need to stop.",
            "确认哪些药物需要停用。",
        ),
    ),
    (
        When::Any,
        ("1 day before", "{kind}前 1 天"),
        (
            "Pack a bag with your medicines and glasses.",
            "收拾好随身物品，带上药物和眼镜。",
        ),
    ),
    (
        When::Any,
        ("The evening before", "{kind}前的晚上"),
        (
            "Have a light meal and go to bed early.",
            "晚餐请吃清淡些，早点睡觉。",
        ),
    ),
    (
        When::Sedated,
        ("{fast} before", "{kind}前{fast}"),
        (
            "Stop eating. You can still drink water.",
            "停止进食。您仍然可以喝清水。",
        ),
    ),
    (
        When::Sedated,
        ("{clear} before", "{kind}前{clear}"),
        ("Stop drinking.", "停止饮水。"),
    ),
    (
        When::Any,
        ("{arrive} before your booked time", "预约时间前{arrive}"),
        (
            "Check in at the desk of the {unit}.",
            "到{unit}前台登记报到。",
        ),
    ),
];

const BRING_ITEMS: Pool = &[
    (
        When::Any,
        "a list of all the medicines you take",
        "您正在服用的全部药物清单",
    ),
    (
        When::Any,
        "your glasses or hearing aid, if you use them",
        "眼镜或助听器（如果您使用）",
    ),
    (When::Any, "loose, comfortable clothes", "宽松舒适的衣服"),
    (
        When::Any,
        "something to read or listen to",
        "可以阅读或收听的东西",
    ),
    (
        When::Procedure,
        "a dressing gown and slippers",
        "睡袍和拖鞋",
    ),
    (
        When::Any,
        "a snack for after your {kind}",
        "{kind}后可以吃的小零食",
    ),
    (When::Any, "your appointment letter", "您的预约信"),
    (When::Any, "a phone charger", "手机充电器"),
];

const DURING_HEADINGS: &[Pair] = &[
    ("What happens during the {kind}", "{kind}过程"),
    ("On the day", "{kind}当天"),
    ("During your {kind}", "{kind}过程中"),
];

const DURING_INTRO: &[Pair] = &[
    (
        "Here is what to expect on the day.",
        "以下是{kind}当天的大致流程。",
    ),
    (
        "Each {kind} is a little different, but most follow these steps.",
        "每次{kind}会略有不同，但大多按以下步骤进行。",
    ),
];

/// The steps of the day, in order; `true` marks the steps every leaflet has.
const STEPS: &[(bool, When, &str, &str)] = &[
    (
        true,
        When::Any,
        "A nurse will check your details and ask you to sign a consent form.",
        "护士会核对您的姓名、出生日期等个人信息，并请您签署知情同意书。",
    ),
    (
        true,
        When::Invasive,
        "You will change into a hospital gown.",
        "您需要换上医院提供的病号服。",
    ),
    (
        true,
        When::Scan,
        "You may need to take off anything made of metal, such as jewellery.",
        "您可能需要取下首饰等金属物品。",
    ),
    (true, When::Any, "{anaesthetic}", "{anaesthetic}"),
    (
        false,
        When::Any,
        "You will lie on a bed, and we will help you get comfortable.",
        "您需要躺在床上，我们会帮您调整到舒适的姿势。",
    ),
    (
        true,
        When::Any,
        "The {kind} itself usually takes {dmin} to {dmax} minutes.",
        "{kind}本身通常需要{dmin}至{dmax}分钟。",
    ),
    (
        false,
        When::Awake,
        "Tell us straight away if you feel pain or feel unwell.",
        "如果您感到疼痛或不舒服，请马上告诉我们。",
    ),
    (
        false,
        When::Any,
        "A nurse will stay with you the whole time.",
        "整个过程中都会有护士陪着您。",
    ),
    (
        true,
        When::Any,
        "Afterwards, you will rest in the recovery area.",
        "结束后，护士会带您到恢复区稍作休息。",
    ),
];

fn anaesthetic_step(p: &Procedure) -> Pair {
    match p.anaesthetic {
        Anaesthetic::General => (
            "An anaesthetist will give you medicine so that you sleep through the {kind}.",
            "麻醉医生会给您用药，让您在{kind}过程中处于睡眠状态。",
        ),
        Anaesthetic::Sedation => (
            "We will put a small tube into a vein in your hand. We give you medicine through it to help you relax.",
            "我们会在您手背的静脉里放置细小的软管，并通过它给您用放松药物。",
        ),
        Anaesthetic::Local => (
            "The doctor will numb the area with an injection. This stings for a few seconds.",
            "医生会注射麻药，让该部位麻木。注射时会刺痛几秒钟。",
        ),
        Anaesthetic::None => (
            "You do not need any medicine to numb or relax you.",
            "您不需要使用任何麻醉药物或放松药物。",
        ),
    }
}

const DURING_AFTER: Pool = &[
    (
        When::AwakeHands,
        "You may feel some pressure, but it should not hurt.",
        "您可能会感到有些压迫感，但应该不会痛。",
    ),
    (
        When::Scan,
        "The machine can be noisy. We can give you earplugs or headphones.",
        "机器运转时可能会很吵，我们可以为您提供耳塞或耳机。",
    ),
    (
        When::Sedated,
        "Most people remember little or nothing about it afterwards.",
        "大多数人事后对整个过程几乎没有任何记忆。",
    ),
    (
        When::Any,
        "The team will explain each step before they do it.",
        "医护人员会在每一步之前向您说明。",
    ),
    (
        When::Awake,
        "You can ask us to stop at any time.",
        "您可以随时要求我们暂停。",
    ),
];

const DURING_EXTRA: Pool = &[
    (
        When::Any,
        "We will check your name and date of birth more than once. This is to keep you safe.",
        "我们会多次核对您的姓名和出生日期，这是为了保障您的安全。",
    ),
    (
        When::Any,
        "We will keep a close eye on your pulse and blood pressure.",
        "我们会密切监测您的脉搏和血压。",
    ),
    (
        When::Any,
        "Some people feel a little cold. We can give you a blanket.",
        "有些人会觉得有点冷，我们可以给您加盖毯子。",
    ),
    (
        When::Any,
        "A student may help with your care. Tell us if you would rather they did not.",
        "实习生可能会参与您的护理。如果您不愿意，请告诉我们。",
    ),
    (
        When::Awake,
        "You can bring music to listen to if it helps you relax.",
        "如果音乐能帮助您放松，您可以带上自己的音乐。",
    ),
];

const WORRIED: (Pair, Pair) = (
    ("If you feel worried", "如果您感到紧张"),
    (
        "Many people feel nervous before {a_proc}. Tell us how you feel. We can explain each step as we go.",
        "很多人在{zh}前会感到紧张。请告诉我们您的感受，我们可以边做边向您解释。",
    ),
);

const AFTER_HEADINGS: &[Pair] = &[
    ("After the {kind}", "{kind}后的护理"),
    ("Looking after yourself afterwards", "{kind}后如何照顾自己"),
    ("Aftercare", "{kind}后注意事项"),
];

const AFTER_STAY_SEDATED: Pair = (
    "You will rest with us for about {stay} while the medicine wears off. You must have an adult to take you home and stay with you for {drive}.",
    "您需要在医院休息大约{stay}，等药效消退后再离开。必须有成年人接您回家，并在之后{drive}内陪着您。",
);
const AFTER_STAY_AWAKE: Pair = (
    "You can usually go home about {stay} after your {kind}.",
    "{kind}后大约{stay}，您通常就可以回家了。",
);
const AFTER_STAY_WARD: Pair = (
    "Most people stay in hospital for {stay} after the {kind}.",
    "大多数人{kind}后需要住院{stay}。",
);

const AFTER_LIST_SEDATED: (Pair, Pool) = (
    (
        "For {drive} after the medicine, do not:",
        "用药后{drive}内，请不要做以下事情：",
    ),
    &[
        (When::Any, "drive", "驾驶车辆"),
        (When::Any, "drink alcohol", "喝酒"),
        (When::Any, "use machines or cook", "操作机器或做饭"),
        (When::Any, "sign legal papers", "签署任何法律文件"),
        (
            When::Any,
            "look after young children on your own",
            "独自照顾年幼的孩子",
        ),
        (When::Any, "make important decisions", "做出重要的决定"),
    ],
);

const AFTER_LIST_AWAKE: (Pair, Pool) = (
    ("Over the next few days:", "接下来几天："),
    &[
        (
            When::Any,
            "you can eat and drink as normal",
            "您可以正常饮食",
        ),
        (
            When::Invasive,
            "keep the area clean and dry for {keep}",
            "请在{keep}内保持该部位清洁干燥",
        ),
        (
            When::Invasive,
            "take paracetamol if you have any pain",
            "如有疼痛，可以服用对乙酰氨基酚",
        ),
        (
            When::Invasive,
            "avoid hard exercise for {keep}",
            "{keep}内请避免剧烈运动",
        ),
        (
            When::Any,
            "you can go back to work when you feel ready",
            "感觉可以时，您就能回去上班",
        ),
        (When::Any, "drink plenty of water", "请多喝水"),
        (
            When::Any,
            "you can drive when you feel ready",
            "感觉可以时，您就能开车",
        ),
    ],
);

const AFTER_LIST_WARD: (Pair, Pool) = (
    ("When you get home:", "回家后："),
    &[
        (
            When::Any,
            "do the exercises your physiotherapist shows you",
            "坚持做理疗师教您的康复锻炼",
        ),
        (
            When::Any,
            "use your walking aids for as long as you are told",
            "按照指导使用助行器",
        ),
        (
            When::Any,
            "do not drive for {exercise}",
            "{exercise}内请不要开车",
        ),
        (
            When::Any,
            "take your painkillers regularly",
            "按时服用止痛药",
        ),
        (
            When::Any,
            "keep the wound clean and dry",
            "保持伤口清洁干燥",
        ),
        (
            When::Any,
            "avoid kneeling or twisting",
            "避免跪下或扭转身体",
        ),
    ],
);

const AFTER_EXTRA: Pool = &[
    (
        When::Any,
        "If you live alone, ask a friend or relative to check on you the next day.",
        "如果您独自居住，请让亲友第二天来看看您。",
    ),
    (
        When::Any,
        "Most people feel back to normal within {recover}.",
        "大多数人在{recover}内就能恢复正常。",
    ),
    (
        When::DayCase,
        "Drink plenty of fluids for the rest of the day.",
        "当天剩下的时间里请多喝水。",
    ),
    (
        When::DayCase,
        "Rest at home for the rest of the day.",
        "当天请在家休息。",
    ),
    (
        When::Invasive,
        "Take paracetamol if you need it for pain. Follow the dose on the packet.",
        "如有疼痛，可以服用对乙酰氨基酚，请按照包装上的剂量服用。",
    ),
    (
        When::Any,
        "Ask us for a note for your employer if you need one.",
        "如果需要给雇主的证明，请向我们索取。",
    ),
];

const RESULTS: (Pair, &[Pair]) = (
    ("Your results", "{kind}结果"),
    &[
        (
            "The doctor may tell you what they found before you go home.",
            "回家前，医生可能会告诉您初步结果。",
        ),
        (
            "If we took samples, the results take {results}.",
            "如果我们取了样本，结果需要{results}才能出来。",
        ),
        (
            "We will send them to you and your family doctor.",
            "我们会把结果寄给您和您的家庭医生。",
        ),
    ],
);

const GENTLE_RESULTS: Pair = (
    "A specialist will study the recordings. The report takes {results}.",
    "专科医生会仔细分析记录的数据，报告需要{results}才能出来。",
);

const SCAN_RESULTS: Pair = (
    "A specialist will look at your pictures. The results take {results}.",
    "专科医生会仔细查看您的图像，结果需要{results}才能出来。",
);

const FOLLOW_UP: (Pair, &[Pair]) = (
    ("Your follow-up", "复诊安排"),
    &[
        (
            "We will see you in clinic about {follow} after your {kind}.",
            "{kind}后大约{follow}，我们会在门诊为您复查。",
        ),
        (
            "We will send you a letter with the date and time.",
            "我们会寄信通知您具体的日期和时间。",
        ),
    ],
);

const RISK_HEADINGS: &[Pair] = &[
    ("Risks", "风险"),
    ("Are there any risks?", "有哪些风险？"),
    ("Possible problems", "可能出现的问题"),
];

const RISK_INTRO: Pair = (
    "Every medical {kind} has some risks. We only suggest it when the benefits are greater than the risks.",
    "任何医疗{kind}都有一定风险。只有在好处大于风险时，我们才会建议您做。",
);

const RISK_ITEMS: Pool = &[
    (
        When::Gentle,
        "**Skin irritation.** The pads or gel can make your skin red for a short time.",
        "**皮肤刺激。**电极片或凝胶可能会让皮肤短时间发红。",
    ),
    (
        When::Gentle,
        "**Feeling tired.** Some people feel tired afterwards. This soon passes.",
        "**疲倦。**有些人事后会感到疲倦，通常很快就会好转。",
    ),
    (
        When::Invasive,
        "**Bleeding.** A little bleeding is common. It usually stops on its own.",
        "**出血。**少量出血很常见，通常会自行停止。",
    ),
    (
        When::Invasive,
        "**Infection.** This happens in about 1 in {riskn} people. We treat it with antibiotics.",
        "**感染。**大约每{riskn}人中有 1 人发生感染，我们会用抗生素治疗。",
    ),
    (
        When::Invasive,
        "**Pain or soreness.** This usually gets better within {recover}.",
        "**疼痛或酸痛。**通常在{recover}内会好转。",
    ),
    (
        When::Sedated,
        "**A reaction to the medicine.** It can slow your breathing. We watch you closely the whole time.",
        "**对药物的不良反应。**药物可能让呼吸变慢，整个过程中我们都会密切观察您。",
    ),
    (
        When::Sedated,
        "**Feeling sick.** This can happen after the medicine. It soon passes.",
        "**恶心。**用药后可能会感到恶心，通常很快就会好转。",
    ),
    (
        When::Invasive,
        "**Damage to nearby parts of the body.** This is rare. We may need to treat it.",
        "**损伤周围组织。**这种情况很少见，可能需要另行处理。",
    ),
    (
        When::General,
        "**Blood clots.** Moving about soon after your {kind} helps to prevent them.",
        "**血栓。**{kind}后尽早下床活动，有助于预防血栓。",
    ),
    (
        When::Needle,
        "**Bruising.** You may have a bruise where the needle went in.",
        "**淤青。**进针的地方可能会出现淤青。",
    ),
    (
        When::Exam,
        "**Needing to repeat the {kind}.** Sometimes the results are not clear enough.",
        "**需要重新{kind}。**有时结果不够清楚。",
    ),
    (
        When::Scan,
        "**A reaction to the dye.** Some scans use a dye. Rarely, it causes an itchy rash.",
        "**对造影剂的反应。**有些扫描需要使用造影剂，少数情况下会引起发痒的皮疹。",
    ),
    (
        When::Scan,
        "**Feeling closed in.** Some people feel anxious inside the scanner. Tell us if you feel this way.",
        "**幽闭感。**有些人在扫描仪里会感到焦虑。如果您有这种感觉，请告诉我们。",
    ),
    (
        When::Awake,
        "**Fainting.** Some people feel faint during the {kind}. Lying down helps.",
        "**晕厥。**有些人在{kind}过程中会感到头晕，躺下会有帮助。",
    ),
];

const RISK_CLOSE: Pair = (
    "Your doctor will talk to you about your own risks before you sign the consent form.",
    "在您签署知情同意书之前，医生会和您讨论您个人的风险。",
);

const RISK_EXTRA: Pool = &[
    (
        When::Any,
        "Not having the {kind} also has risks. Your doctor can explain these.",
        "不做这项{kind}同样存在风险，医生可以向您解释。",
    ),
    (
        When::Any,
        "Serious problems are rare.",
        "严重的问题很少见。",
    ),
    (
        When::Any,
        "We will tell you what to look out for before you go home.",
        "回家前，我们会告诉您需要注意哪些情况。",
    ),
    (
        When::Any,
        "If you are worried about any of these risks, please ask us.",
        "如果您对这些风险有任何担心，请问我们。",
    ),
];

const CONTACT_HEADINGS: &[Pair] = &[
    ("Who to contact", "联系方式"),
    ("Questions and help", "疑问与帮助"),
    ("Contact us", "联系我们"),
];

const CONTACT_PHONE: Pair = (
    "If you have any questions, call the {unit} on {phone}. We are open Monday to Friday, {open} to {close}.",
    "如果您有任何疑问，请致电{unit}，电话号码是 {phone}。我们的开放时间为每周一至周五 {open} 至 {close}。",
);

const CONTACT_URGENT: Pair = (
    "In the {contact} after your {kind}, call 999 or go to your nearest emergency department straight away if you have:",
    "{kind}后{contact}内，如果出现以下情况，请立即拨打 999，或前往离您最近的急诊科：",
);

const WARNING_SIGNS: Pool = &[
    (
        When::Any,
        "a high temperature, or you feel hot and shivery",
        "发高烧，或者感觉忽冷忽热、发抖",
    ),
    (
        When::Invasive,
        "bleeding that does not stop",
        "出血持续不止",
    ),
    (
        When::Any,
        "bad pain that does not get better with painkillers",
        "剧烈疼痛，服用止痛药后仍不缓解",
    ),
    (
        When::Procedure,
        "redness, swelling or pus around the wound",
        "伤口周围发红、肿胀或流脓",
    ),
    (
        When::Any,
        "trouble breathing or chest pain",
        "呼吸困难或胸痛",
    ),
    (When::Any, "being sick again and again", "反复多次呕吐"),
    (When::General, "a swollen, painful leg", "腿部肿胀、疼痛"),
    (
        When::Scan,
        "an itchy rash or swelling of your face",
        "发痒的皮疹或面部肿胀",
    ),
    (
        When::Sedated,
        "feeling confused or very drowsy",
        "意识模糊或非常嗜睡",
    ),
];

const CONTACT_CLOSE: &[Pair] = &[
    (
        "Please keep this leaflet. You may want to read it again after your {kind}.",
        "请妥善保留这份须知。{kind}后您可能还需要再次阅读其中的内容。",
    ),
    (
        "If you need this leaflet in large print or another language, please ask us.",
        "如果您需要大字版或其他语言版本的须知，请告诉我们，我们会为您提供。",
    ),
];

const CONTACT_EXTRA: Pool = &[
    (
        When::Any,
        "If you need to change your appointment, please call us as soon as you can.",
        "如果您需要更改预约时间，请尽早致电我们。",
    ),
    (
        When::Any,
        "Out of hours, call the hospital switchboard on {board} and ask for the doctor on call.",
        "非工作时间请致电医院总机 {board}，请他们帮您联系值班医生。",
    ),
    (
        When::Any,
        "We welcome your comments on this leaflet.",
        "欢迎您对这份须知提出意见。",
    ),
    (
        When::Any,
        "You can also speak to your family doctor.",
        "您也可以咨询您的家庭医生。",
    ),
];

const OPENING: &[(&str, &str)] = &[("08:00", "17:00"), ("08:30", "17:30"), ("09:00", "18:00")];

// ---------------------------------------------------------------------------------------------
// Values shared by both languages, and template filling.

/// A sentence (or list item, cell, heading…) in both languages.
#[derive(Clone)]
struct Text {
    en: String,
    zh: String,
}

impl Text {
    fn get(&self, zh: bool) -> &str {
        if zh { &self.zh } else { &self.en }
    }
}

struct Ctx {
    vars: Vec<(&'static str, String, String)>,
}

impl Ctx {
    fn set(&mut self, key: &'static str, en: impl Into<String>, zh: impl Into<String>) {
        self.vars.push((key, en.into(), zh.into()));
    }

    fn fill(&self, (en, zh): Pair) -> Text {
        Text {
            en: self.subst(en, false),
            zh: self.subst(zh, true),
        }
    }

    fn subst(&self, template: &str, zh: bool) -> String {
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let end = start + rest[start..].find('}').expect("unclosed placeholder");
            let key = &rest[start + 1..end];
            let (_, en_value, zh_value) = self
                .vars
                .iter()
                .find(|(k, _, _)| *k == key)
                .unwrap_or_else(|| panic!("unknown placeholder {{{key}}} in {template:?}"));
            out.push_str(if zh { zh_value } else { en_value });
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        out
    }
}

/// "6 hours" / "6 小时" and the like.
fn quantity(n: u32, unit: &str, zh_unit: &str) -> (String, String) {
    let plural = if n == 1 { "" } else { "s" };
    (format!("{n} {unit}{plural}"), format!("{n} {zh_unit}"))
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// A leaflet body, built once for both languages.

enum Block {
    Para(Vec<Text>),
    Bullets(Vec<Text>),
    Numbered(Vec<Text>),
    Table {
        head: [Text; 2],
        rows: Vec<[Text; 2]>,
    },
    Image(Text),
    Subheading(Text),
}

struct Section {
    heading: Option<Text>,
    blocks: Vec<Block>,
}

/// A paragraph that may take extra sentences until the leaflet reaches its length.
struct Slot {
    section: usize,
    block: usize,
    extras: Vec<Text>,
}

struct Corpus {
    seed: u64,
    /// Procedure of each leaflet.
    procedures: Vec<usize>,
    slugs: Vec<String>,
    /// Leaflets of each department, for links that stay close to the topic.
    by_department: Vec<Vec<usize>>,
}

struct Leaflet {
    en: String,
    zh: String,
    svg: String,
    en_words: usize,
    zh_chars: usize,
}

impl Corpus {
    fn plan(count: usize, seed: u64) -> Corpus {
        let mut rng = Rng::new(seed, u64::MAX);
        let width = count.to_string().len().max(4);
        // Deal procedures from shuffled decks, so every procedure is about equally common.
        let mut procedures: Vec<usize> = Vec::with_capacity(count + PROCEDURES.len());
        while procedures.len() < count {
            let mut deck: Vec<usize> = (0..PROCEDURES.len()).collect();
            rng.shuffle(&mut deck);
            procedures.extend(deck);
        }
        procedures.truncate(count);
        let slugs = procedures
            .iter()
            .enumerate()
            .map(|(i, &p)| format!("{}-{:0width$}", PROCEDURES[p].slug, i + 1))
            .collect();
        let mut by_department = vec![Vec::new(); DEPARTMENTS.len()];
        for (i, &p) in procedures.iter().enumerate() {
            by_department[PROCEDURES[p].department].push(i);
        }
        Corpus {
            seed,
            procedures,
            slugs,
            by_department,
        }
    }

    fn leaflet(&self, index: usize) -> Leaflet {
        let mut rng = Rng::new(self.seed, index as u64);
        let p = &PROCEDURES[self.procedures[index]];
        let dept = &DEPARTMENTS[p.department];
        let ctx = values(p, &mut rng);

        let mut sections = Vec::new();
        let mut slots = Vec::new();
        let fits = |pool: Pool| -> Vec<Pair> {
            pool.iter()
                .filter(|(when, _, _)| when.fits(p))
                .map(|&(_, en, zh)| (en, zh))
                .collect()
        };
        let texts = |ctx: &Ctx, pairs: Vec<Pair>| -> Vec<Text> {
            pairs.into_iter().map(|pair| ctx.fill(pair)).collect()
        };
        let mut extras = |rng: &mut Rng, pool: Pool, ctx: &Ctx, section: usize, block: usize| {
            let mut pool = texts(ctx, fits(pool));
            rng.shuffle(&mut pool);
            slots.push(Slot {
                section,
                block,
                extras: pool,
            });
        };

        // Introduction.
        let mut intro = vec![ctx.fill(*rng.pick(INTRO_FIRST))];
        intro.extend(texts(&ctx, rng.subset(&fits(INTRO_MORE), 1, 2)));
        sections.push(Section {
            heading: None,
            blocks: vec![Block::Para(intro)],
        });

        // Why.
        let about = ctx.fill(p.about);
        let mut first = vec![about];
        if rng.chance(60) {
            first.push(ctx.fill(*rng.pick(WHY_TEAM)));
        }
        let list_intro = WHY_LIST_INTRO
            .iter()
            .find(|(when, _, _)| when.fits(p))
            .map(|&(_, en, zh)| ctx.fill((en, zh)))
            .expect("a list introduction for every kind");
        let mut blocks = vec![Block::Para(first)];
        let mut image = Some(Block::Image(ctx.fill(*rng.pick(IMAGE_ALTS))));
        if rng.chance(50) {
            blocks.extend(image.take());
        }
        blocks.push(Block::Para(vec![list_intro]));
        blocks.push(Block::Bullets(texts(
            &ctx,
            rng.subset(&fits(WHY_ITEMS), 3, 5),
        )));
        blocks.extend(image);
        blocks.push(Block::Para(texts(&ctx, rng.subset(&fits(WHY_CLOSE), 1, 2))));
        extras(&mut rng, WHY_EXTRA, &ctx, sections.len(), blocks.len() - 1);
        sections.push(Section {
            heading: Some(ctx.fill(*rng.pick(WHY_HEADINGS))),
            blocks,
        });

        // Preparation.
        let mut blocks = vec![Block::Para(vec![ctx.fill(*rng.pick(PREP_INTRO))])];
        extras(&mut rng, PREP_EXTRA, &ctx, sections.len(), 0);
        blocks.push(Block::Subheading(
            ctx.fill(("Your medicines", "您正在服用的药物")),
        ));
        blocks.push(Block::Para(vec![ctx.fill(MEDICINES_INTRO)]));
        blocks.push(Block::Bullets(texts(
            &ctx,
            rng.subset(&fits(MEDICINE_ITEMS), 3, 5),
        )));
        blocks.push(Block::Subheading(
            ctx.fill(("Eating and drinking", "进食和饮水")),
        ));
        let eating = EATING
            .iter()
            .find(|(when, _, _)| when.fits(p))
            .map(|&(_, en, zh)| ctx.fill((en, zh)))
            .expect("an eating rule for every anaesthetic");
        blocks.push(Block::Para(vec![eating]));
        blocks.push(Block::Subheading(ctx.fill(("Your timetable", "时间安排"))));
        blocks.push(Block::Para(vec![ctx.fill(TIMETABLE_INTRO)]));
        let rows: Vec<[Text; 2]> = TIMETABLE_ROWS
            .iter()
            .filter(|(when, _, _)| when.fits(p))
            .map(|&(_, at, what)| [ctx.fill(at), ctx.fill(what)])
            .collect();
        let rows = rng.subset(&rows, 4, 6);
        blocks.push(Block::Table {
            head: [ctx.fill(TIMETABLE_HEAD.0), ctx.fill(TIMETABLE_HEAD.1)],
            rows,
        });
        if rng.chance(60) {
            blocks.push(Block::Subheading(
                ctx.fill(("What to bring", "需要携带的物品")),
            ));
            blocks.push(Block::Para(vec![ctx.fill(("Please bring:", "请携带："))]));
            blocks.push(Block::Bullets(texts(
                &ctx,
                rng.subset(&fits(BRING_ITEMS), 3, 5),
            )));
        }
        sections.push(Section {
            heading: Some(ctx.fill(*rng.pick(PREP_HEADINGS))),
            blocks,
        });

        // What happens.
        let mut blocks = vec![Block::Para(vec![ctx.fill(*rng.pick(DURING_INTRO))])];
        let mut steps = Vec::new();
        for &(always, when, en, zh) in STEPS {
            if when.fits(p) && (always || rng.chance(60)) {
                steps.push(if en == "{anaesthetic}" {
                    ctx.fill(anaesthetic_step(p))
                } else {
                    ctx.fill((en, zh))
                });
            }
        }
        blocks.push(Block::Numbered(steps));
        blocks.push(Block::Para(texts(
            &ctx,
            rng.subset(&fits(DURING_AFTER), 1, 2),
        )));
        extras(
            &mut rng,
            DURING_EXTRA,
            &ctx,
            sections.len(),
            blocks.len() - 1,
        );
        if rng.chance(50) {
            blocks.push(Block::Subheading(ctx.fill(WORRIED.0)));
            blocks.push(Block::Para(vec![ctx.fill(WORRIED.1)]));
        }
        sections.push(Section {
            heading: Some(ctx.fill(*rng.pick(DURING_HEADINGS))),
            blocks,
        });

        // Aftercare.
        let (stay, (list_intro, list_pool)) = if p.nights.is_some() {
            (AFTER_STAY_WARD, AFTER_LIST_WARD)
        } else if p.sedated() {
            (AFTER_STAY_SEDATED, AFTER_LIST_SEDATED)
        } else {
            (AFTER_STAY_AWAKE, AFTER_LIST_AWAKE)
        };
        let mut blocks = vec![Block::Para(vec![ctx.fill(stay)])];
        extras(&mut rng, AFTER_EXTRA, &ctx, sections.len(), 0);
        blocks.push(Block::Para(vec![ctx.fill(list_intro)]));
        blocks.push(Block::Bullets(texts(
            &ctx,
            rng.subset(&fits(list_pool), 3, 5),
        )));
        if p.exam() {
            let (heading, lines) = RESULTS;
            blocks.push(Block::Subheading(ctx.fill(heading)));
            let mut para = vec![ctx.fill(lines[0])];
            para.push(ctx.fill(if p.kind == Kind::Scan {
                SCAN_RESULTS
            } else if p.invasive() {
                lines[1]
            } else {
                GENTLE_RESULTS
            }));
            para.push(ctx.fill(lines[2]));
            blocks.push(Block::Para(para));
        } else {
            let (heading, lines) = FOLLOW_UP;
            blocks.push(Block::Subheading(ctx.fill(heading)));
            blocks.push(Block::Para(texts(&ctx, lines.to_vec())));
        }
        if let Some(links) = self.links(index, &mut rng) {
            blocks.push(Block::Para(vec![links]));
        }
        sections.push(Section {
            heading: Some(ctx.fill(*rng.pick(AFTER_HEADINGS))),
            blocks,
        });

        // Risks.
        let mut blocks = vec![Block::Para(vec![ctx.fill(RISK_INTRO)])];
        extras(&mut rng, RISK_EXTRA, &ctx, sections.len(), 0);
        blocks.push(Block::Bullets(texts(
            &ctx,
            rng.subset(&fits(RISK_ITEMS), 3, 5),
        )));
        blocks.push(Block::Para(vec![ctx.fill(RISK_CLOSE)]));
        sections.push(Section {
            heading: Some(ctx.fill(*rng.pick(RISK_HEADINGS))),
            blocks,
        });

        // Who to contact.
        let mut blocks = vec![
            Block::Para(vec![ctx.fill(CONTACT_PHONE)]),
            Block::Para(vec![ctx.fill(CONTACT_URGENT)]),
            Block::Bullets(texts(&ctx, rng.subset(&fits(WARNING_SIGNS), 3, 5))),
            Block::Para(vec![ctx.fill(*rng.pick(CONTACT_CLOSE))]),
        ];
        extras(
            &mut rng,
            CONTACT_EXTRA,
            &ctx,
            sections.len(),
            blocks.len() - 1,
        );
        if rng.chance(30) {
            blocks.swap(0, 1);
            blocks.swap(1, 2);
        }
        sections.push(Section {
            heading: Some(ctx.fill(*rng.pick(CONTACT_HEADINGS))),
            blocks,
        }); // Grow the leaflet with extra sentences until both languages reach their lengths.
        let en_target = rng.range(660, 840) as usize;
        let zh_target = rng.range(1210, 1380) as usize;
        let count = |measure: fn(&Text) -> usize| -> usize {
            sections.iter().map(|s| section_count(s, measure)).sum()
        };
        let (mut words, mut han) = (count(text_words), count(text_han));
        while (words < en_target || han < zh_target) && words < 865 {
            let open: Vec<usize> = (0..slots.len())
                .filter(|&i| !slots[i].extras.is_empty())
                .collect();
            if open.is_empty() {
                break;
            }
            let slot = &mut slots[*rng.pick(&open)];
            let text = slot.extras.pop().expect("an open slot has extras");
            words += text_words(&text);
            han += text_han(&text);
            match &mut sections[slot.section].blocks[slot.block] {
                Block::Para(sentences) => sentences.push(text),
                _ => unreachable!("extras go into paragraphs"),
            }
        }

        let title = ctx.fill(*rng.pick(TITLES));
        let summary = ctx.fill(*rng.pick(SUMMARIES));
        let version = rng.range(1, 4);
        let reviewed = format!("2026-{:02}-{:02}", rng.range(1, 10), rng.range(1, 28));
        let review_due = format!("2028-{:02}-{:02}", rng.range(1, 12), rng.range(1, 28));
        let (kind_en, kind_zh) = match p.kind {
            Kind::Test => ("test", "检查"),
            Kind::Scan => ("scan", "扫描"),
            Kind::Operation => ("surgery", "手术"),
            Kind::Treatment => ("treatment", "治疗"),
        };
        let mut tags: Vec<(&str, &str)> = p.tags.to_vec();
        if rng.chance(50) && !tags.iter().any(|(en, _)| *en == kind_en) {
            tags.push((kind_en, kind_zh));
        }
        let front = |zh: bool| {
            let pick = |t: &Text| if zh { t.zh.clone() } else { t.en.clone() };
            let tag_list: Vec<&str> = tags
                .iter()
                .map(|&(en, z)| if zh { z } else { en })
                .collect();
            format!(
                "---\ntitle: {}\nsummary: {}\nreference: GEN-{:05}\nversion: {version}\n\
                 department: {}\nreviewed: {reviewed}\nreview_due: {review_due}\ntags: [{}]\n---\n",
                yaml_scalar(&pick(&title)),
                yaml_scalar(&pick(&summary)),
                index + 1,
                yaml_scalar(if zh { dept.zh } else { dept.en }),
                tag_list.join(", "),
            )
        };
        let en = front(false) + &render(&sections, false);
        let zh = zh_spacing(&(front(true) + &render(&sections, true)));
        let zh_chars = zh
            .split_once("\n---\n")
            .map_or(0, |(_, body)| body.chars().filter(|&c| is_han(c)).count());
        Leaflet {
            en,
            zh,
            svg: diagram(p, &title, &mut rng),
            en_words: words,
            zh_chars,
        }
    }

    /// A paragraph with 1–3 links to other leaflets of the corpus (none when it has only one).
    fn links(&self, index: usize, rng: &mut Rng) -> Option<Text> {
        if self.slugs.len() < 2 {
            return None;
        }
        let wanted = rng.range(1, 3).min(self.slugs.len() as u32 - 1) as usize;
        let mut chosen: Vec<usize> = Vec::new();
        let mut tries = 0;
        while chosen.len() < wanted {
            let near = &self.by_department[PROCEDURES[self.procedures[index]].department];
            let other = if rng.chance(60) {
                *rng.pick(near)
            } else {
                rng.below(self.slugs.len())
            };
            tries += 1;
            let same_procedure = self.procedures[other] == self.procedures[index]
                || chosen
                    .iter()
                    .any(|&c| self.procedures[c] == self.procedures[other]);
            if other == index || chosen.contains(&other) || (same_procedure && tries < 20) {
                continue;
            }
            chosen.push(other);
        }
        let links: Vec<(String, String)> = chosen
            .iter()
            .map(|&other| {
                let p = &PROCEDURES[self.procedures[other]];
                let slug = &self.slugs[other];
                (
                    format!("[the {} leaflet](../{slug}/)", p.name),
                    format!("[{}须知](../{slug}/)", p.zh),
                )
            })
            .collect();
        let join = |items: Vec<&str>, comma: &str, and: &str| match items.len() {
            1 => items[0].to_string(),
            n => format!("{}{and}{}", items[..n - 1].join(comma), items[n - 1]),
        };
        let en = join(links.iter().map(|l| l.0.as_str()).collect(), ", ", " and ");
        let zh = join(links.iter().map(|l| l.1.as_str()).collect(), "、", "和");
        Some(if rng.chance(50) {
            Text {
                en: format!("You may also want to read {en}."),
                zh: format!("您也可以阅读{zh}。"),
            }
        } else {
            Text {
                en: format!("For more about related care, see {en}."),
                zh: format!("想了解相关护理的更多信息，请参阅{zh}。"),
            }
        })
    }
}

/// The numbers of one leaflet: the same in both languages.
fn values(p: &Procedure, rng: &mut Rng) -> Ctx {
    let dept = &DEPARTMENTS[p.department];
    let (kind_en, kind_zh) = p.kind_words();
    let mut ctx = Ctx { vars: Vec::new() };
    ctx.set("Title", p.title, p.zh);
    ctx.set("proc", p.name, p.zh);
    ctx.set("zh", p.title, p.zh);
    ctx.set("a_proc", p.a_name, p.zh);
    ctx.set("kind", kind_en, kind_zh);
    ctx.set("Kind", capitalise(kind_en), kind_zh);
    ctx.set("area", p.area.0, p.area.1);
    ctx.set("dept", dept.en, dept.zh);
    ctx.set("unit", dept.unit_en, dept.unit_zh);
    let phone = format!("020 7946 0{:03}", rng.range(100, 999));
    ctx.set("phone", phone.clone(), phone);
    ctx.set("board", "020 7946 0000", "020 7946 0000");
    let (open, close) = *rng.pick(OPENING);
    ctx.set("open", open, open);
    ctx.set("close", close, close);
    let mut unit = |key: &'static str, n: u32, unit: &str, zh_unit: &str| {
        let (en, zh) = quantity(n, unit, zh_unit);
        ctx.set(key, en, zh);
    };
    let fast = if p.anaesthetic == Anaesthetic::General {
        6
    } else {
        *rng.pick(&[4, 6])
    };
    unit("fast", fast, "hour", "小时");
    unit("clear", 2, "hour", "小时");
    unit("arrive", *rng.pick(&[15, 20, 30]), "minute", "分钟");
    unit("stop", *rng.pick(&[5, 7]), "day", "天");
    unit("pre", rng.range(1, 3), "week", "周");
    match p.nights {
        Some((lo, hi)) => unit("stay", rng.range(lo, hi), "day", "天"),
        None if p.sedated() => unit("stay", rng.range(1, 3), "hour", "小时"),
        None => unit("stay", *rng.pick(&[15, 30]), "minute", "分钟"),
    }
    unit(
        "drive",
        if p.anaesthetic == Anaesthetic::General {
            48
        } else {
            24
        },
        "hour",
        "小时",
    );
    unit("results", rng.range(1, 3), "week", "周");
    unit("follow", rng.range(4, 8), "week", "周");
    if p.nights.is_some() {
        unit("recover", rng.range(6, 12), "week", "周");
        unit("exercise", rng.range(4, 6), "week", "周");
    } else {
        unit("recover", rng.range(2, 7), "day", "天");
        unit("exercise", rng.range(1, 2), "week", "周");
    }
    unit("keep", rng.range(2, 5), "day", "天");
    unit("contact", rng.range(2, 7), "day", "天");
    let riskn = rng.pick(&[100, 200, 500, 1000]).to_string();
    ctx.set("riskn", riskn.clone(), riskn);
    let (dmin, dmax) = p.minutes;
    ctx.set("dmin", dmin.to_string(), dmin.to_string());
    ctx.set("dmax", dmax.to_string(), dmax.to_string());
    ctx
}

// ---------------------------------------------------------------------------------------------
// Output.

fn render(sections: &[Section], zh: bool) -> String {
    let pick = |t| Text::get(t, zh);
    let mut out = String::with_capacity(8 * 1024);
    for section in sections {
        if let Some(heading) = &section.heading {
            let _ = write!(out, "\n## {}\n", pick(heading));
        }
        for block in &section.blocks {
            out.push('\n');
            match block {
                Block::Para(sentences) => {
                    let parts: Vec<&str> = sentences.iter().map(pick).collect();
                    out.push_str(&parts.join(if zh { "" } else { " " }));
                    out.push('\n');
                }
                Block::Bullets(items) => {
                    for item in items {
                        let _ = writeln!(out, "- {}", pick(item));
                    }
                }
                Block::Numbered(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let _ = writeln!(out, "{}. {}", i + 1, pick(item));
                    }
                }
                Block::Table { head, rows } => {
                    let _ = writeln!(
                        out,
                        "| {} | {} |\n|---|---|",
                        pick(&head[0]),
                        pick(&head[1])
                    );
                    for [at, what] in rows {
                        let _ = writeln!(out, "| {} | {} |", pick(at), pick(what));
                    }
                }
                Block::Image(alt) => {
                    let _ = writeln!(out, "![{}](diagram.svg)", pick(alt));
                }
                Block::Subheading(text) => {
                    let _ = writeln!(out, "### {}", pick(text));
                }
            }
        }
    }
    out
}

/// The sum of `measure` over every text of a section.
fn section_count(section: &Section, measure: fn(&Text) -> usize) -> usize {
    let mut total = section.heading.as_ref().map_or(0, measure);
    for block in &section.blocks {
        total += match block {
            Block::Para(items) | Block::Bullets(items) | Block::Numbered(items) => {
                items.iter().map(measure).sum()
            }
            Block::Table { head, rows } => {
                head.iter().chain(rows.iter().flatten()).map(measure).sum()
            }
            Block::Image(t) | Block::Subheading(t) => measure(t),
        };
    }
    total
}

fn text_words(text: &Text) -> usize {
    en_words(&text.en)
}

fn text_han(text: &Text) -> usize {
    text.zh.chars().filter(|&c| is_han(c)).count()
}

/// Words a reader sees (link addresses left out).
fn en_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| !w.starts_with("](") && w.chars().any(|c| c.is_ascii_alphanumeric()))
        .map(|w| w.split("](").next().unwrap_or(w))
        .filter(|w| w.chars().any(|c| c.is_ascii_alphanumeric()))
        .count()
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Puts a space between Chinese characters and Latin letters or digits (`6 小时`, `CT 扫描`),
/// looking through `[`/`]` of links and skipping link addresses.
fn zh_spacing(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    // The last significant character, and where a space would go after it.
    let mut previous: Option<(char, usize)> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ']' && chars.peek() == Some(&'(') {
            out.push(c);
            for d in chars.by_ref() {
                out.push(d);
                if d == ')' {
                    break;
                }
            }
            if let Some((p, _)) = previous {
                previous = Some((p, out.len()));
            }
            continue;
        }
        if c == '[' || c == ']' {
            out.push(c);
            continue;
        }
        if c.is_whitespace() {
            previous = None;
            out.push(c);
            continue;
        }
        if let Some((p, at)) = previous
            && ((is_han(p) && c.is_ascii_alphanumeric())
                || (p.is_ascii_alphanumeric() && is_han(c)))
        {
            out.insert(at, ' ');
        }
        out.push(c);
        previous = Some((c, out.len()));
    }
    out
}

/// A YAML scalar, quoted when plain style would change its meaning.
fn yaml_scalar(value: &str) -> String {
    let special_start = value.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c));
    if special_start || value.contains(": ") || value.contains(" #") || value.ends_with(':') {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        value.to_string()
    }
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A small schematic drawing: an outline, the area of the procedure marked, and a pointer.
fn diagram(p: &Procedure, title: &Text, rng: &mut Rng) -> String {
    const FILLS: &[&str] = &["#f3e3d7", "#e6eef7", "#eaf4e4", "#f6ecf4"];
    const MARKS: &[&str] = &["#c0392b", "#1f6f8b", "#7d3c98", "#b9770e"];
    let (cx, cy) = (rng.range(130, 190), rng.range(85, 115));
    let (rx, ry) = (rng.range(70, 100), rng.range(50, 70));
    let (mx, my) = (cx + rng.range(0, 30) - 15, cy + rng.range(0, 30) - 15);
    let mark = rng.pick(MARKS);
    let (ax, ay) = (rng.range(250, 300), rng.range(20, 60));
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200" viewBox="0 0 320 200" role="img" aria-labelledby="title desc">
  <title id="title">{title}</title>
  <desc id="desc">{desc}</desc>
  <rect x="1" y="1" width="318" height="198" rx="12" fill="#ffffff" stroke="#5b7a99" stroke-width="2"/>
  <ellipse cx="{cx}" cy="{cy}" rx="{rx}" ry="{ry}" fill="{fill}" stroke="#6d4c41" stroke-width="3"/>
  <circle cx="{mx}" cy="{my}" r="{r}" fill="{mark}" fill-opacity="0.35" stroke="{mark}" stroke-width="3"/>
  <path d="M{ax} {ay} L{lx} {ly}" stroke="#1b2631" stroke-width="3" fill="none"/>
  <circle cx="{lx}" cy="{ly}" r="4" fill="#1b2631"/>
</svg>
"##,
        title = xml_escape(&format!("{} / {}", title.en, title.zh)),
        desc = xml_escape(&format!("Diagram of the {} / {}示意图", p.area.0, p.area.1)),
        fill = rng.pick(FILLS),
        r = rng.range(14, 24),
        lx = mx + 10,
        ly = my - 10,
    )
}
