//! Plan files on a real file system, in temporary folders: exact round trips,
//! the `.bak` copy, saves that fail (not a folder, disk full, read-only folder
//! and file, a writer failing part-way) leaving the old file byte-identical
//! and no temporary file behind, newer-format files refused for writing,
//! files that failed to load left untouched, changes made behind our back,
//! symbolic links, and the cleanup of leftover temporary files.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use crate::support::{MARCUS, PRIYA, big_plan, bytes, example, listing, temp_dir, temp_files};
use trailmap::model::{Document, PLAN_FORMAT, Plan};
use trailmap::storage::{
    self, DataDir, ErrorKind, Fingerprint, FrameworkCatalog, Recovery, StorageError, backup_path,
    clean_temp_files, load_plan, save_plan, save_plan_with,
};

fn catalog() -> FrameworkCatalog {
    FrameworkCatalog::builtin_only()
}

fn load(path: &Path) -> Result<storage::LoadedPlan, StorageError> {
    load_plan(path, &catalog())
}

/// A plan that differs from `plan` in a visible way.
fn edited(plan: &Plan, name: &str) -> Plan {
    let mut p = plan.clone();
    p.person.name = name.into();
    p.private_notes.push_str("\nedited");
    p
}

#[test]
fn save_then_load_gives_the_same_plan_and_the_same_bytes() {
    let dir = temp_dir();
    for (i, source) in [PRIYA, MARCUS].iter().enumerate() {
        let plan = example(source);
        let path = dir.path().join(format!("plan-{i}.ron"));
        let written = save_plan(&path, &plan, None).expect("saves");
        assert_eq!(
            written,
            Fingerprint::of(&bytes(&path)),
            "the returned fingerprint is the file's"
        );
        let loaded = load(&path).expect("loads");
        assert_eq!(loaded.plan, plan);
        assert_eq!(loaded.fingerprint, written);
        assert_eq!(loaded.newer_format, None);
        let first = bytes(&path);
        save_plan(&path, &loaded.plan, Some(loaded.fingerprint)).expect("saves again");
        assert_eq!(
            bytes(&path),
            first,
            "save → load → save changed the bytes of {source}"
        );
        assert_eq!(
            String::from_utf8(first).expect("UTF-8"),
            storage::plan_to_string(&plan)
        );
    }
    // A large plan with quotes, backslashes, newlines and non-ASCII text.
    let plan = big_plan(300_000, "round \"trip\"");
    let path = dir.path().join("big.ron");
    save_plan(&path, &plan, None).expect("saves");
    assert!(bytes(&path).len() >= 300_000);
    assert_eq!(load(&path).expect("loads").plan, plan);
}

#[test]
fn the_backup_holds_the_previous_bytes_exactly() {
    let dir = temp_dir();
    let path = dir.path().join("plan.ron");
    let plan = example(PRIYA);
    // No backup for a new file.
    save_plan(&path, &plan, None).expect("saves");
    assert!(!backup_path(&path).exists());
    assert_eq!(backup_path(&path), dir.path().join("plan.ron.bak"));

    // The file as a person wrote it (comments, own layout): the backup keeps
    // exactly those bytes, not a re-serialisation.
    let hand_written = fs::read(PRIYA).expect("example");
    fs::write(&path, &hand_written).expect("write");
    let first = edited(&plan, "First");
    save_plan(&path, &first, None).expect("saves");
    assert_eq!(bytes(&backup_path(&path)), hand_written);
    let first_bytes = bytes(&path);

    save_plan(&path, &edited(&plan, "Second"), None).expect("saves");
    assert_eq!(bytes(&backup_path(&path)), first_bytes);
    assert_eq!(load(&backup_path(&path)).expect("the backup loads").plan, first);
    assert_eq!(listing(dir.path()), ["plan.ron", "plan.ron.bak"]);
}

fn io_kind(err: &StorageError) -> Option<io::ErrorKind> {
    fn of(kind: &ErrorKind) -> Option<io::ErrorKind> {
        match kind {
            ErrorKind::Io { source, .. } => Some(source.kind()),
            // The backup failed: the plan was not replaced.
            ErrorKind::Backup { source, .. } => of(source),
            _ => None,
        }
    }
    of(&err.kind)
}

#[test]
fn a_save_under_a_regular_file_fails_cleanly() {
    let dir = temp_dir();
    let blocker = dir.path().join("not-a-folder");
    fs::write(&blocker, b"I am a file").expect("write");
    let path = blocker.join("plan.ron");
    let err = save_plan(&path, &example(PRIYA), None).expect_err("ENOTDIR");
    assert_eq!(io_kind(&err), Some(io::ErrorKind::NotADirectory), "{err}");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{}: could not ", path.display())),
        "{message}"
    );
    assert_eq!(bytes(&blocker), b"I am a file");
    assert_eq!(listing(dir.path()), ["not-a-folder"]);
}

#[test]
fn saving_onto_a_folder_is_refused() {
    let dir = temp_dir();
    let folder = dir.path().join("plan.ron");
    fs::create_dir(&folder).expect("mkdir");
    let err = save_plan(&folder, &example(PRIYA), None).expect_err("a folder");
    assert!(matches!(err.kind, ErrorKind::FolderTarget), "{err}");
    assert_eq!(listing(dir.path()), ["plan.ron"]);
    assert!(listing(&folder).is_empty());
}

/// A writer that writes `keep` bytes and then fails with `error`.
fn failing_writer(keep: usize, error: fn() -> io::Error) -> impl Fn(&mut dyn Write, &[u8]) -> io::Result<()> {
    move |out: &mut dyn Write, data: &[u8]| {
        out.write_all(&data[..keep.min(data.len())])?;
        Err(error())
    }
}

fn enospc() -> io::Error {
    io::Error::from_raw_os_error(28)
}

fn eio() -> io::Error {
    io::Error::from_raw_os_error(5)
}

#[test]
fn a_writer_failing_part_way_leaves_the_old_file_and_no_temp_file() {
    let dir = temp_dir();
    let path = dir.path().join("plan.ron");
    let old = example(PRIYA);
    save_plan(&path, &old, None).expect("saves");
    let old_bytes = bytes(&path);
    let new = big_plan(100_000, "new");
    // An older backup, which a failed save must leave as it is.
    fs::write(backup_path(&path), b"an older backup").expect("write");
    for keep in [0, 1, 4096, 50_000, usize::MAX] {
        for error in [enospc as fn() -> io::Error, eio] {
            let writer = failing_writer(keep, error);
            let err = save_plan_with(&path, &new, None, &writer).expect_err("the writer fails");
            let message = err.to_string();
            assert!(
                message.starts_with(&format!("{}: could not write", path.display())),
                "{message}"
            );
            assert_eq!(bytes(&path), old_bytes, "the old file changed (keep {keep})");
            assert_eq!(
                bytes(&backup_path(&path)),
                b"an older backup",
                "a failed save leaves the backup as it was"
            );
            assert_eq!(
                temp_files(dir.path()),
                Vec::<String>::new(),
                "a temporary file was left behind"
            );
            assert_eq!(listing(dir.path()), ["plan.ron", "plan.ron.bak"]);
        }
    }
    let message = save_plan_with(&path, &new, None, &failing_writer(10, enospc))
        .expect_err("fails")
        .to_string();
    assert!(message.contains("No space left on device"), "{message}");
    // The document the app keeps is still unsaved: nothing marks it saved
    // unless the save returned Ok.
    let mut doc = Document::new(old.clone());
    doc.apply(trailmap::model::Command::SetName("x".into()))
        .expect("applies");
    if save_plan_with(&path, doc.plan(), None, &failing_writer(0, enospc)).is_ok() {
        doc.mark_saved();
    }
    assert!(doc.is_dirty());
    // And the same save with a working writer goes through.
    save_plan(&path, &new, None).expect("saves");
    assert_eq!(load(&path).expect("loads").plan, new);
    assert_eq!(bytes(&backup_path(&path)), old_bytes);
}

/// A small tmpfs mounted for the length of a test; unmounted on drop.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Self> {
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        status.success().then(|| Self(dir.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Fills the file system holding `dir` until a write fails, then frees
/// `room` bytes. Returns the filler's path.
fn fill(dir: &Path, room: u64) -> PathBuf {
    let filler = dir.join("filler");
    let mut file = fs::File::create(&filler).expect("create filler");
    let chunk = vec![b'x'; 1024];
    loop {
        match file.write(&chunk) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) if e.raw_os_error() == Some(28) => break,
            Err(e) => panic!("filling the disk: {e}"),
        }
    }
    let _ = file.sync_all();
    let len = file.metadata().expect("metadata").len();
    file.set_len(len.saturating_sub(room)).expect("truncate");
    filler
}

#[test]
fn a_full_disk_leaves_the_old_file() {
    let dir = temp_dir();
    let mount_point = dir.path().join("small");
    fs::create_dir(&mount_point).expect("mkdir");
    let Some(_mounted) = Tmpfs::mount(&mount_point, "128k") else {
        // No tmpfs here: the same failure through the storage layer's own
        // writer seam (`a_writer_failing_part_way_leaves_the_old_file...`).
        println!("note: could not mount a tmpfs; disk-full is covered by the injected ENOSPC writer only");
        let path = dir.path().join("plan.ron");
        save_plan(&path, &example(PRIYA), None).expect("saves");
        let old = bytes(&path);
        let err = save_plan_with(&path, &big_plan(50_000, "x"), None, &failing_writer(100, enospc))
            .expect_err("ENOSPC");
        assert_eq!(io_kind(&err), Some(io::ErrorKind::StorageFull));
        assert_eq!(bytes(&path), old);
        return;
    };
    let path = mount_point.join("plan.ron");
    let old = example(PRIYA);
    save_plan(&path, &old, None).expect("the old plan fits");
    let old_bytes = bytes(&path);
    assert!(old_bytes.len() < 12_000);
    let new = big_plan(40_000, "new");

    // Room for the backup (3 pages) but not for the new file: the new file
    // is written first, so the save fails before any backup is made, and
    // an older backup stays as it was.
    fs::write(backup_path(&path), b"an older backup").expect("an older backup");
    let filler = fill(&mount_point, 16 * 1024);
    let err = save_plan(&path, &new, None).expect_err("the disk is full");
    assert_eq!(io_kind(&err), Some(io::ErrorKind::StorageFull), "{err}");
    assert!(err.to_string().contains("No space left on device"), "{err}");
    assert_eq!(bytes(&path), old_bytes);
    assert_eq!(
        bytes(&backup_path(&path)),
        b"an older backup",
        "a failed save changes no file"
    );
    assert_eq!(temp_files(&mount_point), Vec::<String>::new());
    assert_eq!(listing(&mount_point), ["filler", "plan.ron", "plan.ron.bak"]);

    // Room for the new file but not for the backup: still nothing lost,
    // the older backup kept, no partial file, and the plan named.
    fs::remove_file(&filler).expect("rm");
    let new_len = storage::plan_to_string(&new).len() as u64;
    fill(&mount_point, new_len.div_ceil(4096) * 4096 + 4096);
    let err = save_plan(&path, &new, None).expect_err("the disk is full");
    assert_eq!(io_kind(&err), Some(io::ErrorKind::StorageFull), "{err}");
    assert_eq!(
        err.path, path,
        "named by the plan saved, not by its backup: {err}"
    );
    assert!(
        err.to_string().contains("could not keep the previous version"),
        "{err}"
    );
    assert_eq!(bytes(&path), old_bytes);
    assert_eq!(bytes(&backup_path(&path)), b"an older backup");
    assert_eq!(temp_files(&mount_point), Vec::<String>::new());
    assert_eq!(listing(&mount_point), ["filler", "plan.ron", "plan.ron.bak"]);

    // Free the space: the save goes through.
    fs::remove_file(mount_point.join("filler")).expect("rm");
    save_plan(&path, &new, None).expect("saves now");
    assert_eq!(load(&path).expect("loads").plan, new);
    assert_eq!(bytes(&backup_path(&path)), old_bytes);
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir();
    let path = dir.path().join("plan.ron");
    save_plan(&path, &example(PRIYA), None).expect("saves");
    let old = bytes(&path);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).expect("chmod");
    // Even root, who may write anything, is stopped by the read-only mark.
    let err = save_plan(&path, &example(MARCUS), None).expect_err("read-only");
    assert_eq!(
        err.to_string(),
        format!(
            "{}: could not save over it: the file is read-only",
            path.display()
        )
    );
    assert_eq!(bytes(&path), old);
    assert_eq!(listing(dir.path()), ["plan.ron"]);
    assert_eq!(
        fs::metadata(&path).expect("meta").permissions().mode() & 0o777,
        0o444
    );
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir();
    let path = dir.path().join("plan.ron");
    save_plan(&path, &example(PRIYA), None).expect("saves");
    // A new file is private to its owner.
    assert_eq!(
        fs::metadata(&path).expect("meta").permissions().mode() & 0o777,
        0o600
    );
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
    save_plan(&path, &example(MARCUS), None).expect("saves");
    assert_eq!(
        fs::metadata(&path).expect("meta").permissions().mode() & 0o777,
        0o640
    );
}

/// Runs `trailmap save-copy FROM TO` as user `nobody`. `None` if setpriv is missing.
#[cfg(unix)]
fn save_copy_as_nobody(from: &Path, to: &Path, data: &Path) -> Option<std::process::Output> {
    let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
        .into_iter()
        .find(|p| Path::new(p).exists())?;
    Some(
        Command::new(setpriv)
            .args([
                "--reuid=nobody",
                "--regid=nogroup",
                "--clear-groups",
                crate::support::bin(),
                "save-copy",
            ])
            .arg(from)
            .arg(to)
            .env("TRAILMAP_DATA_DIR", data)
            .output()
            .expect("setpriv runs"),
    )
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_as_a_normal_user() {
    use std::os::unix::fs::PermissionsExt;
    if !crate::support::is_root() {
        println!("note: not root, so the folder cannot be handed to another user; skipped");
        return;
    }
    let dir = temp_dir();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
    let source = dir.path().join("new.ron");
    save_plan(&source, &example(MARCUS), None).expect("saves");
    fs::set_permissions(&source, fs::Permissions::from_mode(0o644)).expect("chmod");

    // A folder owned by root, mode 0755: nobody may not create files in it.
    let folder = dir.path().join("read-only");
    fs::create_dir(&folder).expect("mkdir");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).expect("chmod");
    let target = folder.join("plan.ron");
    save_plan(&target, &example(PRIYA), None).expect("saves");
    // The file itself is nobody's and writable, so only the folder stops the save.
    fs::set_permissions(&target, fs::Permissions::from_mode(0o666)).expect("chmod");
    std::os::unix::fs::chown(&target, Some(65534), Some(65534)).expect("chown to nobody");
    let old = bytes(&target);
    let data = dir.path().join("data");

    let Some(out) = save_copy_as_nobody(&source, &target, &data) else {
        println!("note: setpriv is missing; the read-only folder test as a normal user is skipped");
        return;
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&target.display().to_string()), "{stderr}");
    assert!(stderr.contains("Permission denied"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(bytes(&target), old);
    assert_eq!(listing(&folder), ["plan.ron"]);

    // A file nobody may write, in a folder nobody may write to: refused as read-only.
    std::os::unix::fs::chown(&target, Some(0), Some(0)).expect("chown to root");
    fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).expect("chmod");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o777)).expect("chmod");
    let out = save_copy_as_nobody(&source, &target, &data).expect("setpriv was found above");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.contains("the file is read-only"), "{stderr}");
    assert_eq!(bytes(&target), old);
    assert_eq!(listing(&folder), ["plan.ron"]);

    // A file that belongs to root, writable by anyone, in a folder anyone may
    // write to: an atomic save would hand it to nobody; refused.
    fs::set_permissions(&target, fs::Permissions::from_mode(0o666)).expect("chmod");
    let out = save_copy_as_nobody(&source, &target, &data).expect("setpriv");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.contains("belongs to another user"), "{stderr}");
    assert_eq!(bytes(&target), old);
    assert_eq!(listing(&folder), ["plan.ron"]);

    // The same user in a folder of their own succeeds: the failures above
    // came from the permissions, not from the setup.
    let own = dir.path().join("own");
    fs::create_dir(&own).expect("mkdir");
    fs::set_permissions(&own, fs::Permissions::from_mode(0o777)).expect("chmod");
    let out = save_copy_as_nobody(&source, &own.join("plan.ron"), &data).expect("setpriv");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(load(&own.join("plan.ron")).expect("loads").plan, example(MARCUS));
}

/// The Priya example with a higher format version (and a field this build
/// does not know, as a newer build might write).
fn newer_text() -> String {
    fs::read_to_string(PRIYA)
        .expect("example")
        .replace("format_version: 3,", "format_version: 7,")
        .replace(
            "  next_id: 13,",
            "  next_id: 13,\n  coach_notes: [\"from the future\"],",
        )
}

#[test]
fn a_newer_file_opens_read_only_and_is_never_written() {
    let dir = temp_dir();
    let path = dir.path().join("future.ron");
    let text = newer_text();
    fs::write(&path, &text).expect("write");
    let loaded = load(&path).expect("a newer file that parses still opens");
    assert_eq!(loaded.newer_format, Some(7));
    assert_eq!(loaded.plan.person.name, "Priya Raman");

    let err = save_plan(&path, &loaded.plan, Some(loaded.fingerprint)).expect_err("refused");
    assert!(
        matches!(err.kind, ErrorKind::WouldOverwriteNewer { found: 7 }),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        format!(
            "{}: refusing to write over a file from a newer Trailmap (format 7); use Save as",
            path.display()
        )
    );
    // Also without a fingerprint (Save from anywhere).
    assert!(save_plan(&path, &example(MARCUS), None).is_err());
    assert_eq!(fs::read_to_string(&path).expect("read"), text);
    assert_eq!(listing(dir.path()), ["future.ron"]);
    // Save as to another file works, and the copy is in this build's
    // format: it opens for editing here (it stayed format 7, read-only,
    // before).
    save_plan(&dir.path().join("copy.ron"), &loaded.plan, None).expect("save as");
    let copy = load(&dir.path().join("copy.ron")).expect("the copy loads");
    assert_eq!(copy.newer_format, None, "the copy is editable");
}

#[test]
fn format_version_zero_and_a_broken_newer_file_are_refused() {
    let dir = temp_dir();
    let zero = dir.path().join("zero.ron");
    fs::write(
        &zero,
        fs::read_to_string(PRIYA)
            .expect("example")
            .replace("format_version: 3,", "format_version: 0,"),
    )
    .expect("write");
    let err = load(&zero).expect_err("version 0");
    assert_eq!(
        err.to_string(),
        format!("{}:2:3: unknown format version 0", zero.display())
    );

    let broken = dir.path().join("broken-future.ron");
    fs::write(&broken, newer_text().replace("next_id: 13", "next_id: \"many\"")).expect("write");
    let err = load(&broken).expect_err("a newer file that does not parse");
    assert_eq!(
        err.to_string(),
        format!(
            "{}:2:3: written by a newer Trailmap (format 7); this build understands format {PLAN_FORMAT}",
            broken.display()
        )
    );
}

#[test]
fn a_file_that_failed_to_load_is_untouched() {
    let dir = temp_dir();
    let good = fs::read_to_string(PRIYA).expect("example");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("truncated.ron", good.as_bytes()[..good.len() / 2].to_vec()),
        (
            "unknown-role.ron",
            good.replace("\"tech-lead\"", "\"cto\"").into_bytes(),
        ),
        (
            "not-utf8.ron",
            [&good.as_bytes()[..100], b"\xff\xfe", &good.as_bytes()[100..]].concat(),
        ),
        ("empty.ron", Vec::new()),
        (
            "future-broken.ron",
            newer_text().replace("next_id: 13", "next_id: x").into_bytes(),
        ),
    ];
    let long_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000);
    for (name, content) in &cases {
        let path = dir.path().join(name);
        fs::write(&path, content).expect("write");
        fs::File::options()
            .write(true)
            .open(&path)
            .expect("open")
            .set_modified(long_ago)
            .expect("mtime");
    }
    let before = listing(dir.path());
    for (name, content) in &cases {
        let path = dir.path().join(name);
        let err = load(&path).expect_err("must fail");
        assert!(err.to_string().starts_with(&path.display().to_string()), "{err}");
        // Loading twice in a row gives the same answer.
        assert_eq!(load(&path).expect_err("still fails").to_string(), err.to_string());
        assert_eq!(&bytes(&path), content, "{name} changed");
        let mtime = fs::metadata(&path).expect("meta").modified().expect("mtime");
        assert_eq!(mtime, long_ago, "{name} was touched");
    }
    assert_eq!(listing(dir.path()), before, "loading created files");
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten() {
    let dir = temp_dir();
    let path = dir.path().join("plan.ron");
    let plan = example(PRIYA);
    save_plan(&path, &plan, None).expect("saves");
    let opened = load(&path).expect("loads");

    // Another program (a sync tool) writes the file meanwhile.
    let theirs = storage::plan_to_string(&edited(&plan, "Theirs"));
    fs::write(&path, &theirs).expect("write");
    let err = save_plan(&path, &edited(&plan, "Mine"), Some(opened.fingerprint)).expect_err("changed");
    assert!(err.is_changed_on_disk(), "{err}");
    assert_eq!(
        err.to_string(),
        format!("{}: the file changed on disk since it was opened", path.display())
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), theirs);
    assert!(
        !backup_path(&path).exists(),
        "nothing was written, not even the backup"
    );

    // A change of one byte that keeps the length is noticed too.
    let same_length = theirs.replacen("Theirs", "Thairs", 1);
    assert_eq!(same_length.len(), theirs.len());
    fs::write(&path, &same_length).expect("write");
    let reloaded = load(&path).expect("reload");
    fs::write(&path, &theirs).expect("write");
    assert!(
        save_plan(&path, &plan, Some(reloaded.fingerprint))
            .expect_err("changed")
            .is_changed_on_disk()
    );

    // Reload: saving with the new fingerprint works, and each save returns
    // the fingerprint for the next one.
    let reloaded = load(&path).expect("reload");
    let first = save_plan(&path, &edited(&plan, "Mine"), Some(reloaded.fingerprint)).expect("saves");
    let second = save_plan(&path, &edited(&plan, "Mine again"), Some(first)).expect("saves");
    assert!(
        save_plan(&path, &plan, Some(first))
            .expect_err("stale")
            .is_changed_on_disk()
    );
    // Overwrite (the user chose it): no fingerprint.
    save_plan(&path, &plan, None).expect("overwrite");
    assert_ne!(second, Fingerprint::of(&bytes(&path)));
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_updates_the_target_and_keeps_the_link() {
    let dir = temp_dir();
    let real_dir = dir.path().join("real");
    let link_dir = dir.path().join("links");
    fs::create_dir(&real_dir).expect("mkdir");
    fs::create_dir(&link_dir).expect("mkdir");
    let real = real_dir.join("plan.ron");
    save_plan(&real, &example(PRIYA), None).expect("saves");
    let old = bytes(&real);
    // A relative link, and a link to that link.
    let link = link_dir.join("plan.ron");
    std::os::unix::fs::symlink("../real/plan.ron", &link).expect("symlink");
    let link2 = dir.path().join("again.ron");
    std::os::unix::fs::symlink(&link, &link2).expect("symlink");

    let opened = load(&link).expect("loads through the link");
    let new = edited(&opened.plan, "Through the link");
    save_plan(&link, &new, Some(opened.fingerprint)).expect("saves");
    assert!(
        fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink(),
        "the link is kept"
    );
    assert_eq!(
        fs::read_link(&link).expect("link"),
        PathBuf::from("../real/plan.ron")
    );
    assert_eq!(load(&real).expect("loads").plan, new);
    assert_eq!(
        bytes(&backup_path(&real)),
        old,
        "the backup sits beside the real file"
    );
    assert_eq!(listing(&link_dir), ["plan.ron"]);
    assert_eq!(listing(&real_dir), ["plan.ron", "plan.ron.bak"]);

    let newer = edited(&new, "Through two links");
    save_plan(&link2, &newer, None).expect("saves");
    assert!(
        fs::symlink_metadata(&link2)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert_eq!(load(&real).expect("loads").plan, newer);
    assert_eq!(storage::resolve_links(&link2), link_dir.join("../real/plan.ron"));
}

#[test]
fn clean_temp_files_removes_only_leftover_temporary_files() {
    let dir = temp_dir();
    let d = dir.path();
    for name in [
        ".trailmap-plan.ron-AbC123.tmp",
        ".trailmap-x.tmp",
        "plan.ron",
        "plan.ron.bak",
        "trailmap-plan.tmp",
        ".trailmap-plan.ron",
        "notes.tmp",
        ".trailmap-plan.tmp.ron",
    ] {
        fs::write(d.join(name), b"x").expect("write");
    }
    fs::create_dir(d.join(".trailmap-folder.tmp")).expect("mkdir");
    // Fresh ones may belong to a save in progress: kept until they are old.
    assert_eq!(clean_temp_files(d), 0);
    crate::support::age_temp_files(d);
    assert_eq!(clean_temp_files(d), 2);
    assert_eq!(
        listing(d),
        [
            ".trailmap-folder.tmp",
            ".trailmap-plan.ron",
            ".trailmap-plan.tmp.ron",
            "notes.tmp",
            "plan.ron",
            "plan.ron.bak",
            "trailmap-plan.tmp"
        ]
    );
    assert_eq!(clean_temp_files(d), 0);
    assert_eq!(clean_temp_files(&d.join("missing")), 0);
}

#[test]
fn a_locked_temporary_file_is_never_cleaned() {
    let dir = temp_dir();
    let tmp = dir.path().join(".trailmap-plan.ron-busy.tmp");
    fs::write(&tmp, b"being written").expect("write");
    crate::support::age_temp_files(dir.path());
    let writer = fs::File::open(&tmp).expect("open");
    writer.lock().expect("lock, as a writer holds it");
    assert_eq!(clean_temp_files(dir.path()), 0, "locked: a save in progress");
    drop(writer);
    assert_eq!(clean_temp_files(dir.path()), 1, "released: a leftover");
}

#[test]
fn recovery_files_round_trip() {
    let dir = temp_dir();
    let data = DataDir::new(dir.path());
    let original = dir.path().join("plans/priya.ron");
    // An instance that is not running (no lock held): its copies are listed.
    let path = storage::recovery_path(&data, "ended", Some(&original), "");
    assert_eq!(
        path,
        storage::recovery_path(&data, "ended", Some(&original), ""),
        "stable for a path"
    );
    assert_ne!(
        path,
        storage::recovery_path(&data, "ended", Some(&dir.path().join("plans/other.ron")), "")
    );
    assert_ne!(
        path,
        storage::recovery_path(&data, "another", Some(&original), ""),
        "each instance has its own"
    );
    let recovery = Recovery {
        original: Some(original.clone()),
        base: Some(storage::Fingerprint::of(b"before")),
        written_at: "2026-11-10 10:00".into(),
        plan: edited(&example(MARCUS), "Unsaved edits"),
    };
    storage::write_recovery(&path, &recovery).expect("writes");
    assert_eq!(storage::read_recovery(&path).expect("reads"), recovery);
    let listed = storage::list_recoveries(&data);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].0, path);
    assert_eq!(listed[0].1.as_ref().expect("readable"), &recovery);
    storage::discard_recovery(&path).expect("discards");
    storage::discard_recovery(&path).expect("discarding twice is fine");
    assert!(storage::list_recoveries(&data).is_empty());
}

/// A Markdown export that runs out of room part-way leaves none of its own
/// files behind (its first chart was left before).
#[test]
fn an_export_that_fills_the_disk_leaves_nothing_behind() {
    let dir = temp_dir();
    let mount_point = dir.path().join("small");
    fs::create_dir(&mount_point).expect("mkdir");
    let Some(_mounted) = Tmpfs::mount(&mount_point, "128k") else {
        println!("note: could not mount a tmpfs; the part-way export failure is not tested here");
        return;
    };
    let plan = big_plan(40_000, "report");
    let framework = storage::builtin();
    let out = mount_point.join("report.md");
    let mut failed = 0;
    // Room for a chart, not for everything: try a few sizes of room so
    // that the failure comes after at least one file was written.
    for room in [6 * 1024, 10 * 1024, 14 * 1024, 20 * 1024] {
        let filler = fill(&mount_point, room);
        let result = storage::write_report(
            &plan,
            &framework,
            jiff::civil::date(2026, 11, 22),
            trailmap::export::Format::Markdown,
            false,
            &out,
        );
        fs::remove_file(&filler).expect("remove filler");
        if result.is_err() {
            failed += 1;
            let left: Vec<String> = listing(&mount_point)
                .into_iter()
                .filter(|n| n != "filler")
                .collect();
            assert!(left.is_empty(), "room {room}: left behind {left:?}");
        } else {
            for name in listing(&mount_point) {
                fs::remove_file(mount_point.join(name)).expect("clear");
            }
        }
    }
    assert!(failed > 0, "the disk did fill up");
}

#[test]
fn the_library_fills_in_as_it_reads_and_writes_its_cache_only_when_it_changed() {
    let dir = crate::support::temp_dir();
    let (root, plans) = (dir.path().join("data"), dir.path().join("data/plans"));
    std::fs::create_dir_all(&plans).expect("plans");
    let example = std::fs::read(crate::support::PRIYA).expect("example");
    for n in 0..250 {
        std::fs::write(plans.join(format!("plan-{n:03}.ron")), &example).expect("write");
    }
    let catalog = FrameworkCatalog::builtin_only();
    let mut cache = storage::LibraryCache::load(&root);
    let mut seen = Vec::new();
    let entries = storage::scan_with(&plans, &catalog, &mut cache, |so_far| seen.push(so_far.len()));
    assert_eq!(entries.len(), 250);
    assert_eq!(
        seen,
        [storage::SCAN_BATCH, 2 * storage::SCAN_BATCH],
        "rows come in batches"
    );
    cache.save(&root);
    let file = storage::LibraryCache::file(&root);
    let written = std::fs::metadata(&file)
        .and_then(|m| m.modified())
        .expect("cache written");
    // Nothing changed: read from the cache, and the cache is not written again.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let mut cache = storage::LibraryCache::load(&root);
    assert_eq!(cache.len(), 250);
    assert_eq!(storage::scan(&plans, &catalog, &mut cache), entries);
    cache.save(&root);
    assert_eq!(
        std::fs::metadata(&file)
            .and_then(|m| m.modified())
            .expect("cache"),
        written
    );
    // A plan removed: the cache changes and is written.
    std::fs::remove_file(plans.join("plan-007.ron")).expect("remove");
    let mut cache = storage::LibraryCache::load(&root);
    assert_eq!(storage::scan(&plans, &catalog, &mut cache).len(), 249);
    cache.save(&root);
    assert_ne!(
        std::fs::metadata(&file)
            .and_then(|m| m.modified())
            .expect("cache"),
        written
    );
}
