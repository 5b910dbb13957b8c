use super::*;

fn read(text: &str) -> std::result::Result<Vec<CsvMentor>, Vec<RowError>> {
    read_mentors_csv(text.as_bytes())
}

const HEADER: &str = "name,credentials,roles,certified_mentor,email,phone,city,country,time_zone,languages,formats,cost_notes,notes\n";

#[test]
fn a_row_in_keys_reads_as_the_form_would_save_it() {
    let text = format!(
        "{HEADER}Karin Holm,\"PT, CST-D\",\"examiner, mentor\",yes,karin@example.se,+46 40 123 45 67,Malmö,SE,Europe/Stockholm,\"Swedish, English\",\"in_person, virtual\",900 SEK,'=not a formula\n"
    );
    let rows = read(&text).unwrap();
    let m = &rows[0].mentor;
    assert_eq!(rows[0].line, 2);
    assert_eq!(m.roles, [MentorRole::Mentor, MentorRole::Examiner]);
    assert!(m.certified_mentor);
    assert_eq!(m.country.as_deref(), Some("SE"));
    assert_eq!(m.languages, ["Swedish", "English"]);
    assert_eq!(m.formats, [Format::InPerson, Format::Virtual]);
    assert_eq!(m.notes, "=not a formula", "the export's quote is taken off");
}

#[test]
fn the_app_s_words_any_order_and_only_a_name_are_enough() {
    let rows = read("Country;NAME;Time zone;Roles;Formats\nchile;Tomás Oyarzún;america/santiago;Teaching assistant;In person\n;田中 愛子;;;\n").unwrap();
    assert_eq!(rows[0].mentor.country.as_deref(), Some("CL"));
    assert_eq!(
        rows[0].mentor.time_zone.as_deref(),
        Some("America/Santiago")
    );
    assert_eq!(rows[0].mentor.roles, [MentorRole::TeachingAssistant]);
    assert_eq!(rows[0].mentor.formats, [Format::InPerson]);
    let tanaka = &rows[1].mentor;
    assert_eq!(tanaka.name, "田中 愛子");
    assert!(!tanaka.certified_mentor && tanaka.roles.is_empty() && tanaka.formats.is_empty());
}

#[test]
fn every_bad_row_is_reported_with_what_would_be_accepted() {
    let text = format!(
        "{HEADER}Ana,,boss,maybe,ana@,,,Swedn,Mars/Olympus,,zoom,,\n,,,,,,,,,,,,x\nBo,,examiner,yes,,,,,,,,,\nCy,,,,,,,,\n"
    );
    let errors = read(&text).unwrap_err();
    let said: Vec<(u32, &str)> = errors.iter().map(|e| (e.line, e.column.as_str())).collect();
    assert_eq!(
        said,
        [
            (2, "roles"),
            (2, "certified_mentor"),
            (2, "email"),
            (2, "country"),
            (2, "time_zone"),
            (2, "formats"),
            (3, "name"),
            (4, "certified_mentor"),
            (5, "row"),
        ]
    );
    let message = |line: u32, column: &str| {
        errors
            .iter()
            .find(|e| e.line == line && e.column == column)
            .unwrap()
            .message
            .clone()
    };
    assert!(message(2, "roles").contains("Teaching assistant"));
    assert!(message(2, "country").contains("two-letter ISO code"));
    assert!(message(2, "time_zone").contains("Europe/Stockholm"));
    assert!(message(2, "formats").contains("In person, Virtual"));
    assert!(message(4, "certified_mentor").contains("write mentor in Roles"));
    assert!(message(5, "row").contains("9 values but the header names 13"));
}

#[test]
fn a_header_names_its_problems_once() {
    let errors = read("Credentials,Colour,Credentials\nCST,red,CST\n").unwrap_err();
    let said: Vec<&str> = errors.iter().map(|e| e.column.as_str()).collect();
    assert_eq!(said, ["credentials", "Colour", "name"]);
    let none = read("a,b\n1,2\n").unwrap_err();
    assert!(none[0].message.contains("names none of them"));
    let empty = read("").unwrap_err();
    assert!(empty[0].message.contains("empty"));
}

#[test]
fn a_certified_mentor_of_a_list_without_roles_is_a_mentor_but_a_roles_column_must_agree() {
    let rows = read("Name,Certified mentor\nKarin Holm,yes\nMia Roth,\n").unwrap();
    assert_eq!(rows[0].mentor.roles, [MentorRole::Mentor]);
    assert!(rows[1].mentor.roles.is_empty());
    let errors = read("Name,Certified mentor,Roles\nKarin Holm,yes,Examiner\n").unwrap_err();
    assert_eq!(errors[0].column, "certified_mentor");
}
