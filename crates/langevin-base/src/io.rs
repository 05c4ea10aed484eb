//! Output of trajectories and tables: `.npy` (`NumPy` format 1.0, `<f8`, C order) and CSV.
//!
//! The `.npy` layout is: the magic string `\x93NUMPY`, the version bytes `1, 0`, a
//! little-endian `u16` header length, and an ASCII header
//! `{'descr': '<f8', 'fortran_order': False, 'shape': (…), }` padded with spaces and a final
//! `\n` so that the data starts at a multiple of 64 bytes; then the data as little-endian
//! `f64` in row-major order.
//!
//! # References
//! `NumPy` Enhancement Proposal 1, *A simple file format for `NumPy` arrays*
//! (<https://numpy.org/neps/nep-0001-npy-format.html>).

use crate::error::{self, Error, Result};
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::Path;

const MAGIC: &[u8; 6] = b"\x93NUMPY";

/// An array read back from a `.npy` file.
///
/// # Example
/// ```
/// use langevin_base::io::{NpyArray, read_npy, write_npy};
/// let path = std::env::temp_dir().join("langevin_base_doc_npyarray.npy");
/// write_npy(&path, &[], &[2.5])?; // a 0-d array (scalar)
/// assert_eq!(read_npy(&path)?, NpyArray { shape: vec![], data: vec![2.5] });
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), langevin_base::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct NpyArray {
    /// The shape (`[]` for a scalar).
    pub shape: Vec<usize>,
    /// The data, row-major.
    pub data: Vec<f64>,
}

/// The `.npy` header (magic, version, length, padded dictionary) for an `f64` array of `shape`.
///
/// # Example
/// ```
/// use langevin_base::io::npy_header;
/// let h = npy_header(&[3]);
/// assert_eq!(h.len(), 128); // 10 + 57 + 60 spaces + '\n'
/// assert!(h.starts_with(b"\x93NUMPY\x01\x00\x76\x00{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }  "));
/// assert!(h.ends_with(b"  \n"));
/// ```
pub fn npy_header(shape: &[usize]) -> Vec<u8> {
    let dims = match shape {
        [] => String::from("()"),
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let mut dict = format!("{{'descr': '<f8', 'fortran_order': False, 'shape': {dims}, }}");
    let unpadded = MAGIC.len() + 2 + 2 + dict.len() + 1;
    dict.push_str(&" ".repeat(unpadded.next_multiple_of(64) - unpadded));
    dict.push('\n');
    let mut out = Vec::with_capacity(10 + dict.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[1, 0]);
    out.extend_from_slice(&(dict.len() as u16).to_le_bytes());
    out.extend_from_slice(dict.as_bytes());
    out
}

/// Writes `data` with `shape` as `.npy` to any writer.
///
/// # Errors
/// [`Error::DimensionMismatch`] if `data.len()` is not the product of `shape`;
/// [`Error::TooLarge`] if that product overflows a `usize`; [`Error::Io`].
///
/// # Example
/// ```
/// use langevin_base::{Error, io::write_npy_to};
/// let mut buf = Vec::new();
/// write_npy_to(&mut buf, &[2], &[1.0, -2.0])?;
/// assert_eq!(buf.len(), 128 + 2 * 8); // 64-byte aligned header, then little-endian f64
/// assert_eq!(buf[128..136], 1.0f64.to_le_bytes());
/// assert!(matches!(write_npy_to(Vec::new(), &[3], &[1.0]), Err(Error::DimensionMismatch { .. })));
/// # Ok::<(), langevin_base::Error>(())
/// ```
pub fn write_npy_to<W: Write>(mut w: W, shape: &[usize], data: &[f64]) -> Result<()> {
    check_shape(shape, data)?;
    w.write_all(&npy_header(shape))?;
    for x in data {
        w.write_all(&x.to_le_bytes())?;
    }
    w.flush()?;
    Ok(())
}

/// Checks that the product of `shape` (computed without overflow) equals `data.len()`.
fn check_shape(shape: &[usize], data: &[f64]) -> Result<()> {
    let product = shape
        .iter()
        .try_fold(1usize, |acc, &n| acc.checked_mul(n))
        .ok_or_else(|| Error::TooLarge {
            name: "shape",
            requested: shape
                .iter()
                .try_fold(1u128, |acc, &n| acc.checked_mul(n as u128))
                .unwrap_or(u128::MAX),
            limit: usize::MAX as u128,
        })?;
    error::same_dim("data", product, data.len())
}

/// Writes `data` with `shape` to the file `path` (readable by `numpy.load`).
///
/// # Errors
/// As [`write_npy_to`]. `shape` is checked against `data` before the file is created, so a
/// rejected call leaves an existing file untouched.
///
/// # Example
/// ```
/// use langevin_base::io::{read_npy, write_npy};
/// let path = std::env::temp_dir().join("langevin_base_doc_example.npy");
/// write_npy(&path, &[2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]).unwrap();
/// let a = read_npy(&path).unwrap();
/// assert_eq!(a.shape, vec![2, 3]);
/// assert_eq!(a.data[5], 6.0);
/// ```
pub fn write_npy(path: impl AsRef<Path>, shape: &[usize], data: &[f64]) -> Result<()> {
    check_shape(shape, data)?;
    write_npy_to(BufWriter::new(File::create(path)?), shape, data)
}

/// Reads a `.npy` file written by [`write_npy`] (version 1.0, `<f8`, C order).
///
/// # Errors
/// [`Error::Io`]; [`Error::Config`] describing the problem for any other format.
///
/// # Example
/// ```
/// use langevin_base::{Error, io::read_npy};
/// let path = std::env::temp_dir().join("langevin_base_doc_read_npy.txt");
/// std::fs::write(&path, b"not an npy file")?;
/// assert!(matches!(read_npy(&path), Err(Error::Config(_))));
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), langevin_base::Error>(())
/// ```
pub fn read_npy(path: impl AsRef<Path>) -> Result<NpyArray> {
    let mut bytes = Vec::new();
    File::open(path)?.read_to_end(&mut bytes)?;
    parse_npy(&bytes)
}

fn parse_npy(bytes: &[u8]) -> Result<NpyArray> {
    let bad = |m: &str| Error::Config(format!("unsupported .npy: {m}"));
    if bytes.len() < 10 || &bytes[..6] != MAGIC || bytes[6] != 1 {
        return Err(bad("not a version-1 .npy file"));
    }
    let hlen = usize::from(u16::from_le_bytes([bytes[8], bytes[9]]));
    let header = std::str::from_utf8(
        bytes
            .get(10..10 + hlen)
            .ok_or_else(|| bad("truncated header"))?,
    )
    .map_err(|_| bad("header is not ASCII"))?;
    if !header.contains("'descr': '<f8'") || !header.contains("'fortran_order': False") {
        return Err(bad("only little-endian f64 in C order is supported"));
    }
    let start = header.find("'shape': (").ok_or_else(|| bad("no shape"))? + 10;
    let end = start + header[start..].find(')').ok_or_else(|| bad("bad shape"))?;
    let shape = header[start..end]
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<usize>().map_err(|_| bad("bad shape entry")))
        .collect::<Result<Vec<usize>>>()?;
    let body = &bytes[10 + hlen..];
    let n: usize = shape.iter().product();
    if body.len() != 8 * n {
        return Err(bad("data length does not match the shape"));
    }
    let data = body
        .chunks_exact(8)
        .map(|c| f64::from_le_bytes(c.try_into().expect("8 bytes")))
        .collect();
    Ok(NpyArray { shape, data })
}

/// Writes a table as CSV: one header row, then one row per index, columns in order. Numbers
/// are printed in Rust's shortest round-trip representation.
///
/// # Errors
/// [`Error::DimensionMismatch`] if `header.len() != columns.len()` or the columns differ in
/// length; [`Error::Empty`] for no columns; [`Error::Io`].
///
/// # Example
/// ```
/// use langevin_base::io::write_csv_to;
/// let mut buf = Vec::new();
/// write_csv_to(&mut buf, &["t", "x"], &[&[0.0, 0.5], &[1.0, -2.5]]).unwrap();
/// assert_eq!(String::from_utf8(buf).unwrap(), "t,x\n0,1\n0.5,-2.5\n");
/// ```
pub fn write_csv_to<W: Write>(mut w: W, header: &[&str], columns: &[&[f64]]) -> Result<()> {
    if columns.is_empty() {
        return Err(Error::Empty { name: "columns" });
    }
    error::same_dim("header", columns.len(), header.len())?;
    let rows = columns[0].len();
    for c in columns {
        error::same_dim("column", rows, c.len())?;
    }
    writeln!(w, "{}", header.join(","))?;
    for r in 0..rows {
        let line = columns
            .iter()
            .map(|c| c[r].to_string())
            .collect::<Vec<_>>()
            .join(",");
        writeln!(w, "{line}")?;
    }
    w.flush()?;
    Ok(())
}

/// Writes a CSV table to the file `path` (see [`write_csv_to`]).
///
/// # Errors
/// As [`write_csv_to`].
///
/// # Example
/// ```
/// use langevin_base::io::write_csv;
/// let path = std::env::temp_dir().join("langevin_base_doc_write_csv.csv");
/// write_csv(&path, &["t", "x"], &[&[0.0, 0.5], &[1.0, 2.0]])?;
/// assert_eq!(std::fs::read_to_string(&path)?, "t,x\n0,1\n0.5,2\n");
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), langevin_base::Error>(())
/// ```
pub fn write_csv(path: impl AsRef<Path>, header: &[&str], columns: &[&[f64]]) -> Result<()> {
    write_csv_to(BufWriter::new(File::create(path)?), header, columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflowing_shape_is_rejected_before_the_file_is_touched() {
        let path = std::env::temp_dir().join("langevin_base_overflowing_shape.npy");
        std::fs::write(&path, b"keep").unwrap();
        let err = write_npy(&path, &[usize::MAX, 2], &[1.0]).unwrap_err();
        assert!(
            matches!(err, Error::TooLarge { name: "shape", requested, .. }
            if requested == usize::MAX as u128 * 2)
        );
        assert!(matches!(
            write_npy(&path, &[3], &[1.0]),
            Err(Error::DimensionMismatch { .. })
        ));
        assert_eq!(std::fs::read(&path).unwrap(), b"keep");
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn header_bytes_follow_the_spec() {
        for shape in [&[][..], &[7], &[2, 3], &[1000, 1000, 3]] {
            let h = npy_header(shape);
            assert_eq!(&h[..8], b"\x93NUMPY\x01\x00");
            assert_eq!(usize::from(u16::from_le_bytes([h[8], h[9]])), h.len() - 10);
            assert_eq!(h.len() % 64, 0);
            assert_eq!(*h.last().unwrap(), b'\n');
        }
        let h = String::from_utf8(npy_header(&[2, 3])[10..].to_vec()).unwrap();
        assert!(h.starts_with("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"));
        let h = String::from_utf8(npy_header(&[])[10..].to_vec()).unwrap();
        assert!(h.contains("'shape': (), }"));
    }

    #[test]
    fn round_trip_and_errors() {
        let dir = std::env::temp_dir();
        let p = dir.join(format!("lb_io_test_{}.npy", std::process::id()));
        let data: Vec<f64> = (0..24).map(|i| f64::from(i) * 0.1 - 1.0).collect();
        write_npy(&p, &[2, 3, 4], &data).unwrap();
        let a = read_npy(&p).unwrap();
        assert_eq!(
            a,
            NpyArray {
                shape: vec![2, 3, 4],
                data
            }
        );
        let bytes = std::fs::read(&p).unwrap();
        assert_eq!(bytes.len(), 128 + 24 * 8);
        std::fs::remove_file(&p).unwrap();
        assert!(matches!(
            write_npy(&p, &[5], &[1.0]),
            Err(Error::DimensionMismatch { .. })
        ));
        assert!(matches!(parse_npy(b"hello world"), Err(Error::Config(_))));
        assert!(matches!(
            read_npy(dir.join("does/not/exist.npy")),
            Err(Error::Io(_))
        ));
    }

    #[test]
    fn csv_errors_and_file() {
        let mut buf = Vec::new();
        assert!(matches!(
            write_csv_to(&mut buf, &["a"], &[]),
            Err(Error::Empty { .. })
        ));
        assert!(matches!(
            write_csv_to(&mut buf, &["a"], &[&[1.0], &[2.0]]),
            Err(Error::DimensionMismatch { .. })
        ));
        assert!(matches!(
            write_csv_to(&mut buf, &["a", "b"], &[&[1.0], &[2.0, 3.0]]),
            Err(Error::DimensionMismatch { .. })
        ));
        let p = std::env::temp_dir().join(format!("lb_io_test_{}.csv", std::process::id()));
        write_csv(&p, &["x"], &[&[1.5]]).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "x\n1.5\n");
        std::fs::remove_file(&p).unwrap();
    }

    /// Optional cross-check with `NumPy` (`cargo test -- --ignored`), skipped if unavailable.
    #[test]
    #[ignore = "needs python3 with numpy"]
    fn numpy_can_load_our_files() {
        let p = std::env::temp_dir().join(format!("lb_io_np_{}.npy", std::process::id()));
        write_npy(&p, &[2, 2], &[1.0, 2.0, 3.0, 4.5]).unwrap();
        let out = std::process::Command::new("python3")
            .args([
                "-c",
                &format!(
                    "import numpy; a=numpy.load('{}'); print(a.shape, a.sum())",
                    p.display()
                ),
            ])
            .output();
        if let Ok(o) = out
            && o.status.success()
        {
            assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "(2, 2) 10.5");
        }
        let _ = std::fs::remove_file(&p);
    }
}
