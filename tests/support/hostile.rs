//! Hostile inputs, generated: deep nesting, long runs of special characters, huge tables and
//! reference lists, front matter bombs. Shared by tests/hostile_inputs.rs (each must render or be
//! refused with a diagnostic) and benches/hostile.rs (each must keep a fair share of the
//! throughput of an ordinary post).

/// One hostile input: a name for reports and the source.
pub struct Hostile {
    pub name: &'static str,
    pub source: String,
}

/// The depth and counts the issue names (10^5 deep, 10^4 rows, 10^3 columns, 10 MB).
const DEEP: usize = 100_000;
const RUN: usize = 1_000_000;

/// An ordinary post in the blogger's shape, about 1.6 KB: the throughput yardstick.
pub fn ordinary_post() -> String {
    let mut post = String::from("---\ntitle: 周末读书会的记录\ndate: 2024-11-22 23:14:24\ntags: [读书, 随笔]\n---\n\n");
    for section in 1..=3 {
        post.push_str(&format!("## 第{section}部分：准备与过程\n\n"));
        post.push_str("这周末参加了一次**读书会**，大家聊了很多关于 `Rust` 和写作的话题，");
        post.push_str("也有人分享了 [活动页面](https://example.org/events?id=42&from=blog) 上的照片。\n\n");
        post.push_str("> 读书不是为了记住，而是为了改变思考的方式。\n\n");
        post.push_str("![现场照片](https://cdn.example.org/img/2024/11/photo.jpg?sign=abc123&t=1700000000)\n\n");
        post.push_str("- 第一本：关于时间管理\n- 第二本：关于城市\\_生活\n\n***\n\n");
    }
    post
}

/// A post of `size` bytes or a little more, made of ordinary posts' bodies.
pub fn post_of_size(size: usize) -> String {
    let post = ordinary_post();
    let body = post.split_once("---\n\n").map_or(post.as_str(), |(_, body)| body);
    let mut source = String::with_capacity(size + body.len());
    source.push_str(&post);
    while source.len() < size {
        source.push_str(body);
    }
    source
}

fn front_matter(yaml: &str) -> String {
    format!("---\n{yaml}\n---\n\n正文照常显示。\n")
}

/// Every hostile input, in the order of the issue's list.
pub fn all() -> Vec<Hostile> {
    let hostile = |name, source| Hostile { name, source };
    vec![
        hostile("nested quotes 10^5", format!("{} deep\n", "> ".repeat(DEEP))),
        hostile(
            "nested quotes 10^5, one per line",
            (0..DEEP).map(|i| format!("{}a\n", ">".repeat(i % 50 + 1))).collect(),
        ),
        hostile("nested lists 10^5", format!("{}x\n", "- ".repeat(DEEP))),
        hostile("nested indented lists 2*10^3", (0..2_000).map(|i| format!("{}- x\n", "  ".repeat(i))).collect()),
        hostile("nested brackets 10^5", format!("{}x{}", "[".repeat(DEEP), "](u)".repeat(DEEP))),
        hostile("nested emphasis 10^5", format!("{}x{}", "*_".repeat(DEEP / 2), "_*".repeat(DEEP / 2))),
        hostile("run of * 10^6", "*".repeat(RUN)),
        hostile("run of _ 10^6", "_".repeat(RUN)),
        hostile("run of ` 10^6", "`".repeat(RUN)),
        hostile("run of [ 10^6", "[".repeat(RUN)),
        hostile("run of < 10^6", "<".repeat(RUN)),
        hostile("run of & 10^6", "&".repeat(RUN)),
        hostile("alternating *a 10^6", "*a".repeat(RUN / 2)),
        hostile("unclosed links 10^5", "[a](".repeat(DEEP)),
        hostile("link reference definitions 10^5", {
            let definitions: String = (0..DEEP).map(|i| format!("[r{i}]: https://example.org/{i}\n")).collect();
            let uses: String = (0..DEEP).step_by(7).map(|i| format!("[r{i}] ")).collect();
            format!("{definitions}\n{uses}\n")
        }),
        hostile("table of 10^4 rows", format!("| a | b |\n|---|:-:|\n{}", "| x | *y* |\n".repeat(10_000))),
        hostile("table of 10^3 columns", {
            let row = |cell: &str| format!("|{}\n", format!(" {cell} |").repeat(1_000));
            format!("{}{}{}", row("h"), row("---"), row("c").repeat(100))
        }),
        hostile("footnotes 10^4", (0..10_000).map(|i| format!("x[^{i}]\n\n[^{i}]: n\n\n")).collect()),
        hostile("post of 10 MB", post_of_size(10 << 20)),
        hostile("yaml alias bomb", front_matter(&billion_laughs())),
        hostile("yaml flow nesting 10^5", front_matter(&format!("a: {}", "[".repeat(DEEP)))),
        hostile("yaml flow maps 2*10^4", front_matter(&format!("a: {}", "{\"\":[".repeat(20_000)))),
        hostile(
            "yaml block nesting 10^3",
            front_matter(&(0..1_000).map(|i| format!("{}k:\n", "  ".repeat(i))).collect::<String>()),
        ),
        hostile("yaml scalar of 1 MB", front_matter(&format!("title: {}", "长".repeat(RUN / 3)))),
        hostile("yaml of 10^4 keys", front_matter(&(0..10_000).map(|i| format!("k{i}: v\n")).collect::<String>())),
        hostile("NUL bytes", format!("---\ntitle: a\0b\n---\n\n{}\n", "x\0y ".repeat(10_000))),
        hostile("byte order marks", format!("\u{feff}---\ntitle: t\n---\n\n{}", "\u{feff}a\n".repeat(10_000))),
        hostile("CRLF line ends", post_of_size(100_000).replace('\n', "\r\n")),
        hostile("lone CR line ends", post_of_size(100_000).replace('\n', "\r")),
        hostile("tabs", format!("{}\n", "\t- \t> \t`a`\t".repeat(10_000))),
        hostile("--- inside a code block", format!("```\n---\ntitle: no\n---\n```\n{}", "---\n```\n".repeat(10_000))),
        hostile("raw HTML 10^5 tags", "<span>a</span>".repeat(DEEP)),
        hostile("HTML comments unclosed", "<!-- a ".repeat(DEEP)),
        hostile("headings 10^5 with the same text", "# 标题\n".repeat(DEEP)),
        hostile("nested alerts 10^3", (1..=1_000).map(|depth| format!("{} [!NOTE]\n", ">".repeat(depth))).collect()),
        hostile("alerts 10^4", "> [!TIP]\n> 提示\n\n".repeat(10_000)),
        hostile("definition list of 10^5 definitions", format!("术语\n{}", ": 定义\n".repeat(DEEP))),
        hostile("footnote references 10^5", format!("{}\n\n[^a]: 注\n", "字[^a]".repeat(DEEP))),
        hostile("footnote labels 10^4 with the same slug", {
            let labels: Vec<String> =
                (0..10_000).map(|i| format!("{}a", "!".repeat(i % 50 + 1) + &" ".repeat(i / 50))).collect();
            let references: String = labels.iter().map(|label| format!("[^{label}]")).collect();
            let definitions: String = labels.iter().map(|label| format!("[^{label}]: n\n")).collect();
            format!("{references}\n\n{definitions}")
        }),
        hostile("hexo tag lines 10^5", "{% youtube abc %}\n".repeat(DEEP)),
        hostile(
            "hexo code tags 10^4 never closed",
            format!("{{% endraw %}}\n\n{}", "{% codeblock %}\n".repeat(10_000)),
        ),
        hostile("hexo code tags 10^4 paired", "{% codeblock lang:js %}\nx\n{% endcodeblock %}\n".repeat(10_000)),
        hostile("run of $ 10^6", "$".repeat(RUN)),
        hostile("alternating $a 10^6", "$a".repeat(RUN / 2)),
    ]
}

/// YAML's "billion laughs": nine levels of aliases, each ten times the one before.
fn billion_laughs() -> String {
    let mut yaml =
        String::from("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for level in 1..9 {
        let previous = format!("*a{}", level - 1);
        let list = [previous.as_str(); 10].join(",");
        yaml.push_str(&format!("a{level}: &a{level} [{list}]\n"));
    }
    yaml
}
