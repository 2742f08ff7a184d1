//! The README as a newcomer reads it: every link leads to a file of the repository.

use std::path::Path;

#[test]
fn every_link_in_the_readme_is_a_file_of_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut links = 0;
    for (i, _) in readme.match_indices("](") {
        let rest = &readme[i + 2..];
        let target = &rest[..rest.find(')').unwrap()];
        let path = target.split('#').next().unwrap();
        assert!(!path.starts_with("..") && !path.contains("://"), "{target}");
        assert!(
            root.join(path).exists(),
            "README.md links to {target}, which is not here"
        );
        links += 1;
    }
    assert!(links >= 2);
}
