//! The real binary in a real window (under Xvfb, when it is installed, as in
//! CI): a termination signal saves the work before the app exits.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use stancemark::io::{load_corpus, load_project, save_project};
use stancemark::model::{CharSpan, Edit, Mention, Project, Schema, apply};

/// An X server on a free display, stopped when dropped.
struct Xvfb {
    child: Child,
    display: String,
}

impl Xvfb {
    fn start() -> Option<Self> {
        let found = std::env::var_os("PATH")
            .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("Xvfb").is_file()));
        if !found {
            eprintln!("skipping: Xvfb is not installed here (CI installs it)");
            return None;
        }
        // A display no server (running, or killed and so leaving its socket
        // and lock behind) has: then the socket appearing means this one
        // is listening.
        let free = |n: u32| {
            !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
        };
        let first = 40 + std::process::id() % 200;
        let n = (first..first + 400).find(|&n| free(n))?;
        let child = Command::new("Xvfb")
            .args([
                &format!(":{n}"),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let socket = format!("/tmp/.X11-unix/X{n}");
        let started = Instant::now();
        while !Path::new(&socket).exists() && started.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(Self {
            child,
            display: format!(":{n}"),
        })
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        // Asked to stop, the server removes its socket and lock; killed
        // outright it would leave them behind.
        let asked = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .is_ok_and(|s| s.success());
        let started = Instant::now();
        while asked && started.elapsed() < Duration::from_secs(5) {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The article changed since it was annotated, so opening re-anchors the
/// mention and the project is unsaved at once; SIGTERM then saves it.
#[test]
fn sigterm_saves_the_work_before_exiting() {
    let Some(x) = Xvfb::start() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    let article = corpus.join("a.txt");
    std::fs::write(&article, "Bjørn Aasheim denied it.\n").expect("write");
    let loaded = load_corpus(&corpus, u64::MAX, &()).expect("corpus");
    let mut project = Project::new("tester", Schema::builtin());
    project.attach(&loaded.documents);
    let doc = &loaded.documents[0];
    let mention = Mention::new(
        doc,
        stancemark::model::MentionId(1),
        CharSpan::new(6, 13),
        "PER",
    );
    apply(
        &mut project,
        Edit::AddMention {
            doc: doc.path.clone(),
            mention,
        },
    )
    .expect("mention");
    let file = dir.path().join("p.ron");
    save_project(&file, &project, &corpus).expect("save");
    std::fs::write(&article, "On Sunday, Bjørn Aasheim denied it.\n").expect("edit");

    let mut app = Command::new(env!("CARGO_BIN_EXE_stancemark"))
        .args(["--annotator", "tester", "--project"])
        .arg(&file)
        .arg("--saves")
        .arg(dir.path().join("saves"))
        .env("DISPLAY", &x.display)
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the app starts");
    let lock = stancemark::io::lock::lock_path(&file);
    wait_for("the app to open the project", || lock.exists());
    std::thread::sleep(Duration::from_millis(500));
    let status = Command::new("kill")
        .args(["-TERM", &app.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    wait_for("the app to exit", || {
        app.try_wait().ok().flatten().is_some()
    });
    let out = app.wait_with_output().expect("output");
    assert!(
        out.status.success(),
        "exit status {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let saved = load_project(&file).expect("saved").project;
    let m = &saved.documents["a.txt"].mentions[0];
    assert_eq!(
        (m.span, m.quote.exact.as_str()),
        (CharSpan::new(17, 24), "Aasheim"),
        "the re-anchored mention was saved on SIGTERM"
    );
    assert!(!lock.exists(), "the lock is released");
}
