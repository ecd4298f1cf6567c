//! Lexicons: what kilde knows of Norwegian names, organisations, roles, places, cue verbs and
//! abbreviations.
//!
//! Each [`LexiconKind`] is a UTF-8 TSV file in `lexicons/` (one entry a line, `#` comments; the
//! columns are documented on the kind). The defaults are embedded in the library and parsed once
//! on first use ([`LexiconSet::embedded`]); users add their own entries, or replace a kind, with
//! [`LexiconSet::builder`].
//!
//! ```
//! use kilde::lexicon::{LexiconKind, LexiconSet};
//! let lexicons = LexiconSet::builder()
//!     .add_str(LexiconKind::Surnames, "mine.tsv", "# my surnames\nMydske\n")?
//!     .build();
//! assert!(lexicons.surnames().iter().any(|s| s == "Mydske"));
//! # Ok::<(), kilde::Error>(())
//! ```

#[cfg(feature = "embedded-lexicons")]
mod embedded;
mod parse;

use crate::error::{Error, Result};
use std::collections::HashSet;
use std::path::Path;

/// The kinds of lexicon, one file each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum LexiconKind {
    /// `abbreviations.txt`: `form [TAB final]`; `final` marks an abbreviation that may end a
    /// sentence ("osv.", "mv."); others never do ("f.eks.", "kl.").
    Abbreviations,
    /// `given_names.tsv`: `name TAB gender` with gender `m`, `f` or `u` (unknown or both).
    GivenNames,
    /// `surnames.tsv`: `name`.
    Surnames,
    /// `organisations.tsv`: `name TAB category [TAB alias|alias...]`.
    Organisations,
    /// `organisation_words.tsv`: `word TAB position`, position `suffix` ("AS", "kommune"),
    /// `prefix` ("NCE") or `head` (a noun that ends organisation names: "forbund").
    OrganisationWords,
    /// `roles.tsv`: a title in its base form ("daglig leder", "næringsminister").
    Roles,
    /// `role_heads.tsv`: a role-forming head that makes compounds ("leder", "direktør").
    RoleHeads,
    /// `places.tsv`: `name TAB category` (kommune, fylke, country, town, city, region, other).
    Places,
    /// `cue_verbs.tsv`: `form TAB lemma`, a speech or cue verb in one of its forms ("sa",
    /// "har sagt", "legger til", "ifølge").
    CueVerbs,
    /// `name_words.tsv`: capitalised names that are also common words ("Liv", "Finn", "Berg").
    NameWords,
}

impl LexiconKind {
    /// Every kind, in file order.
    pub const ALL: [LexiconKind; 10] = [
        LexiconKind::Abbreviations,
        LexiconKind::GivenNames,
        LexiconKind::Surnames,
        LexiconKind::Organisations,
        LexiconKind::OrganisationWords,
        LexiconKind::Roles,
        LexiconKind::RoleHeads,
        LexiconKind::Places,
        LexiconKind::CueVerbs,
        LexiconKind::NameWords,
    ];

    /// The file name of the kind in `lexicons/`.
    pub const fn file_name(self) -> &'static str {
        match self {
            LexiconKind::Abbreviations => "abbreviations.txt",
            LexiconKind::GivenNames => "given_names.tsv",
            LexiconKind::Surnames => "surnames.tsv",
            LexiconKind::Organisations => "organisations.tsv",
            LexiconKind::OrganisationWords => "organisation_words.tsv",
            LexiconKind::Roles => "roles.tsv",
            LexiconKind::RoleHeads => "role_heads.tsv",
            LexiconKind::Places => "places.tsv",
            LexiconKind::CueVerbs => "cue_verbs.tsv",
            LexiconKind::NameWords => "name_words.tsv",
        }
    }
}

/// Grammatical gender of a given name, for resolving "han" and "hun".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    /// Hun.
    Female,
    /// Han.
    Male,
}

/// A given name and its gender where the sources agree on one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GivenName {
    /// The name as written ("Kjell").
    pub name: String,
    /// `None` when unknown or used for both.
    pub gender: Option<Gender>,
}

/// An organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organisation {
    /// Canonical name ("Nærings- og fiskeridepartementet").
    pub name: String,
    /// Category: public, party, company, media, university, research, ngo, union, sports,
    /// international, religious or other.
    pub category: String,
    /// Other names and abbreviations ("NFD").
    pub aliases: Vec<String>,
}

/// Where an organisation-forming word stands in a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrgWordPosition {
    /// After the name: "Lilleseth Kjetting AS", "Verdal kommune".
    Suffix,
    /// Before the name: "NCE Raufoss", "Arena Helse".
    Prefix,
    /// The head noun of a compound name: "Fellesforbundet", "Bondelaget".
    Head,
}

/// A word that forms organisation names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrganisationWord {
    /// The word ("AS", "kommune", "NCE").
    pub word: String,
    /// Where it stands.
    pub position: OrgWordPosition,
}

/// A place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The name ("Molde").
    pub name: String,
    /// Category: kommune, fylke, country, town, city (abroad), region or other.
    pub category: String,
}

/// One form of a speech or cue verb.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CueVerb {
    /// The form as written, possibly several words ("sa", "legger til", "har sagt").
    pub form: String,
    /// Its lemma ("si", "legge til").
    pub lemma: String,
}

/// The abbreviations the tokenizer keeps whole, and which of them may end a sentence.
///
/// ```
/// use kilde::lexicon::Abbreviations;
/// let a = Abbreviations::from_entries([("f.eks.", false), ("osv.", true)]);
/// assert!(a.contains("f.eks.") && !a.ends_sentence("f.eks."));
/// assert!(a.contains("Osv.") && a.ends_sentence("osv."));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Abbreviations {
    all: HashSet<Box<str>>,
    can_end: HashSet<Box<str>>,
}

impl Abbreviations {
    /// Builds the set from `(form, may_end_sentence)` pairs; forms keep their periods.
    pub fn from_entries<'a>(entries: impl IntoIterator<Item = (&'a str, bool)>) -> Abbreviations {
        let mut a = Abbreviations::default();
        for (form, can_end) in entries {
            a.insert(form, can_end);
        }
        a
    }

    fn insert(&mut self, form: &str, can_end: bool) {
        self.all.insert(form.into());
        if can_end {
            self.can_end.insert(form.into());
        }
    }

    /// True for a known abbreviation, as written or with a capital first letter.
    pub fn contains(&self, form: &str) -> bool {
        self.all.contains(form) || self.all.contains(lower_first(form).as_str())
    }

    /// True when `form` is known and may end a sentence.
    pub fn ends_sentence(&self, form: &str) -> bool {
        self.can_end.contains(form) || self.can_end.contains(lower_first(form).as_str())
    }

    /// Number of abbreviations.
    pub fn len(&self) -> usize {
        self.all.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// Iterator over the forms.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.all.iter().map(|s| &**s)
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// All lexicons kilde uses, immutable once built; share it behind an `Arc`.
#[derive(Clone, Debug, Default)]
pub struct LexiconSet {
    abbreviations: Abbreviations,
    given_names: Vec<GivenName>,
    surnames: Vec<String>,
    organisations: Vec<Organisation>,
    organisation_words: Vec<OrganisationWord>,
    roles: Vec<String>,
    role_heads: Vec<String>,
    places: Vec<Place>,
    cue_verbs: Vec<CueVerb>,
    name_words: Vec<String>,
}

impl LexiconSet {
    /// The default lexicons embedded in the library, parsed once on first use.
    #[cfg(feature = "embedded-lexicons")]
    pub fn embedded() -> &'static LexiconSet {
        &embedded::DEFAULT
    }

    /// A builder that starts from the embedded defaults (when the `embedded-lexicons` feature is
    /// on; else from nothing).
    pub fn builder() -> LexiconSetBuilder {
        #[cfg(feature = "embedded-lexicons")]
        let set = LexiconSet::embedded().clone();
        #[cfg(not(feature = "embedded-lexicons"))]
        let set = LexiconSet::default();
        LexiconSetBuilder { set }
    }

    /// A builder that starts from no entries at all.
    pub fn empty_builder() -> LexiconSetBuilder {
        LexiconSetBuilder {
            set: LexiconSet::default(),
        }
    }

    /// Abbreviations.
    pub fn abbreviations(&self) -> &Abbreviations {
        &self.abbreviations
    }
    /// Given names.
    pub fn given_names(&self) -> &[GivenName] {
        &self.given_names
    }
    /// Surnames.
    pub fn surnames(&self) -> &[String] {
        &self.surnames
    }
    /// Organisations.
    pub fn organisations(&self) -> &[Organisation] {
        &self.organisations
    }
    /// Organisation-forming words.
    pub fn organisation_words(&self) -> &[OrganisationWord] {
        &self.organisation_words
    }
    /// Role titles.
    pub fn roles(&self) -> &[String] {
        &self.roles
    }
    /// Role-forming heads.
    pub fn role_heads(&self) -> &[String] {
        &self.role_heads
    }
    /// Places.
    pub fn places(&self) -> &[Place] {
        &self.places
    }
    /// Cue verb forms.
    pub fn cue_verbs(&self) -> &[CueVerb] {
        &self.cue_verbs
    }
    /// Names that are also common words.
    pub fn name_words(&self) -> &[String] {
        &self.name_words
    }

    /// Number of entries of `kind`.
    pub fn len(&self, kind: LexiconKind) -> usize {
        match kind {
            LexiconKind::Abbreviations => self.abbreviations.len(),
            LexiconKind::GivenNames => self.given_names.len(),
            LexiconKind::Surnames => self.surnames.len(),
            LexiconKind::Organisations => self.organisations.len(),
            LexiconKind::OrganisationWords => self.organisation_words.len(),
            LexiconKind::Roles => self.roles.len(),
            LexiconKind::RoleHeads => self.role_heads.len(),
            LexiconKind::Places => self.places.len(),
            LexiconKind::CueVerbs => self.cue_verbs.len(),
            LexiconKind::NameWords => self.name_words.len(),
        }
    }

    fn clear(&mut self, kind: LexiconKind) {
        match kind {
            LexiconKind::Abbreviations => self.abbreviations = Abbreviations::default(),
            LexiconKind::GivenNames => self.given_names.clear(),
            LexiconKind::Surnames => self.surnames.clear(),
            LexiconKind::Organisations => self.organisations.clear(),
            LexiconKind::OrganisationWords => self.organisation_words.clear(),
            LexiconKind::Roles => self.roles.clear(),
            LexiconKind::RoleHeads => self.role_heads.clear(),
            LexiconKind::Places => self.places.clear(),
            LexiconKind::CueVerbs => self.cue_verbs.clear(),
            LexiconKind::NameWords => self.name_words.clear(),
        }
    }
}

/// Builds a [`LexiconSet`]: adds user files or strings per kind, or replaces a kind.
#[derive(Clone, Debug)]
pub struct LexiconSetBuilder {
    set: LexiconSet,
}

impl LexiconSetBuilder {
    /// Parses `text` as a `kind` lexicon and adds its entries. `source` names it in errors.
    ///
    /// # Errors
    /// A malformed line gives an error naming `source`, the line and what is wrong; nothing is
    /// added then.
    pub fn add_str(&mut self, kind: LexiconKind, source: &str, text: &str) -> Result<&mut Self> {
        parse::parse_into(&mut self.set, kind, source, text)?;
        Ok(self)
    }

    /// Like [`add_str`](Self::add_str), but the entries replace all entries of `kind`.
    ///
    /// # Errors
    /// As [`add_str`](Self::add_str); on error the kind keeps its old entries.
    pub fn replace_str(
        &mut self,
        kind: LexiconKind,
        source: &str,
        text: &str,
    ) -> Result<&mut Self> {
        let mut fresh = self.set.clone();
        fresh.clear(kind);
        parse::parse_into(&mut fresh, kind, source, text)?;
        self.set = fresh;
        Ok(self)
    }

    /// Reads a lexicon file of `kind` and adds its entries.
    ///
    /// # Errors
    /// The file cannot be read, is not UTF-8 (the error gives the byte offset), or has a
    /// malformed line (the error gives the file and line).
    pub fn add_file(&mut self, kind: LexiconKind, path: impl AsRef<Path>) -> Result<&mut Self> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| Error::io(Some(path.to_path_buf()), e))?;
        let name = path.display().to_string();
        let text = std::str::from_utf8(&bytes)
            .map_err(|e| Error::invalid_utf8(name.clone(), e.valid_up_to()))?;
        self.add_str(kind, &name, text)
    }

    /// Adds every lexicon file of a known name ([`LexiconKind::file_name`]) found in `dir`, in
    /// the order of [`LexiconKind::ALL`]; other files are ignored. This is how the separately
    /// licensed lists of `lexicons-extra/<source>/` are loaded on purpose at run time.
    ///
    /// ```no_run
    /// use kilde::lexicon::LexiconSet;
    /// let lexicons = LexiconSet::builder()
    ///     .add_dir("lexicons-extra/apertium")?
    ///     .build();
    /// # Ok::<(), kilde::Error>(())
    /// ```
    ///
    /// # Errors
    /// `dir` cannot be read, holds no file of a known name, or one of its files fails as in
    /// [`add_file`](Self::add_file). The files read before the failing one stay added.
    pub fn add_dir(&mut self, dir: impl AsRef<Path>) -> Result<&mut Self> {
        let dir = dir.as_ref();
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(Some(dir.to_path_buf()), e))?;
        let mut present = HashSet::new();
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(Some(dir.to_path_buf()), e))?;
            present.insert(entry.file_name());
        }
        let mut found = false;
        for kind in LexiconKind::ALL {
            if present.contains(std::ffi::OsStr::new(kind.file_name())) {
                self.add_file(kind, dir.join(kind.file_name()))?;
                found = true;
            }
        }
        if !found {
            return Err(Error::lexicon(
                &dir.display().to_string(),
                0,
                "no lexicon file of a known name in this directory",
            ));
        }
        Ok(self)
    }

    /// Removes every entry of `kind`.
    pub fn clear(&mut self, kind: LexiconKind) -> &mut Self {
        self.set.clear(kind);
        self
    }

    /// The finished set.
    pub fn build(&self) -> LexiconSet {
        self.set.clone()
    }
}
