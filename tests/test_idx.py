"""The IDX reader refuses every malformed file with a message naming it; the writer round-trips."""

import gzip

import numpy as np
import pytest

from nnscratch.data.idx import read_idx, write_idx
from nnscratch.errors import DataError


def idx_bytes(code, dims, payload):
    return bytes([0, 0, code, len(dims)]) + np.asarray(dims, dtype=">u4").tobytes() + payload


@pytest.mark.parametrize("dtype", ["u1", "i1", "i2", "i4", "f4", "f8"])
@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_round_trip_every_type(tmp_path, dtype, suffix):
    rng = np.random.default_rng(0)
    array = (rng.standard_normal((3, 4, 5)) * 100).astype(dtype)
    path = write_idx(tmp_path / f"a-idx3{suffix}", array)
    back = read_idx(path)
    assert back.dtype == np.dtype(dtype) and back.dtype.isnative
    np.testing.assert_array_equal(back, array)
    assert list(tmp_path.iterdir()) == [path]  # no temp file left behind


def test_gzip_is_told_by_content_not_name(tmp_path):
    array = np.arange(12, dtype=np.uint8).reshape(3, 4)
    gz = write_idx(tmp_path / "x.gz", array)
    renamed = gz.rename(tmp_path / "x-idx2-ubyte")
    np.testing.assert_array_equal(read_idx(renamed), array)


def test_writer_output_is_reproducible_and_big_endian(tmp_path):
    a = write_idx(tmp_path / "a.gz", np.array([1, 256], dtype=np.int32))
    b = write_idx(tmp_path / "b.gz", np.array([1, 256], dtype=np.int32))
    assert a.read_bytes() == b.read_bytes()
    assert gzip.decompress(a.read_bytes()) == bytes([0, 0, 0x0C, 1, 0, 0, 0, 2]) + b"\0\0\0\1\0\0\1\0"


def test_writer_refuses_unsupported_dtype(tmp_path):
    with pytest.raises(DataError, match="cannot store dtype uint16"):
        write_idx(tmp_path / "a", np.zeros(3, dtype=np.uint16))


def test_multi_member_gzip_reads_whole(tmp_path):
    raw = idx_bytes(0x08, (6,), bytes(range(6)))
    path = tmp_path / "m.gz"
    path.write_bytes(gzip.compress(raw[:7]) + gzip.compress(raw[7:]) + b"\0" * 10)
    np.testing.assert_array_equal(read_idx(path), np.arange(6))


def test_expected_shape_and_dtype(tmp_path):
    path = write_idx(tmp_path / "imgs", np.zeros((2, 28, 28), dtype=np.uint8))
    assert read_idx(path, shape=(None, 28, 28), dtype=np.uint8).shape == (2, 28, 28)
    with pytest.raises(DataError, match=r"imgs: expected N x 20 x 20, .*axis 1 is 28, not 20"):
        read_idx(path, shape=(None, 20, 20))
    with pytest.raises(DataError, match="expected values of type float32"):
        read_idx(path, dtype=np.float32)


# ---------------------------------------------------------------- malformed files


def test_labels_given_as_images(tmp_path):
    labels = write_idx(tmp_path / "train-labels-idx1-ubyte", np.zeros(10, dtype=np.uint8))
    with pytest.raises(DataError) as err:
        read_idx(labels, shape=(None, 28, 28))
    assert str(labels) in str(err.value)
    assert "3-dimensional" in str(err.value) and "labels file" in str(err.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", r"is empty \(0 bytes\), so it is not an IDX file"),
        (b"\0\0", "holds only 2 bytes"),
        (b"<!DOCTYPE html><html>", "two zero bytes, found 3c 21 .*HTML"),
        (b"PK\x03\x04zipzip", "zip archive"),
        (b"\1\0\x08\1\0\0\0\1x", "two zero bytes, found 01 00"),
        (bytes([0, 0, 0x07, 1, 0, 0, 0, 1, 9]), "unknown IDX type code 0x07"),
        (bytes([0, 0, 0x08, 0]), "declares 0 dimensions"),
        (bytes([0, 0, 0x08, 200]) + b"\0\0\0\1" * 200 + b"x", "declares 200 dimensions; 1 to 32"),
        (bytes([0, 0, 0x08, 4]) + b"\xff\xff\xff\xff" * 4, "more than a gzip file|it is truncated"),
        (bytes([0, 0, 0x08, 3, 0, 0, 0, 1]), "ends inside the header"),
        (idx_bytes(0x08, (2, 3), bytes(5)), r"2 x 3 uint8 = 6 bytes .* holds only 5; it is truncated"),
        (idx_bytes(0x08, (2, 3), bytes(9)), "3 more bytes follow"),
        (idx_bytes(0x0C, (2,), bytes(7)), "holds only 7"),
    ],
)
@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_malformed_header_or_size(tmp_path, content, message, suffix):
    path = tmp_path / f"bad-idx-ubyte{suffix}"
    path.write_bytes(gzip.compress(content) if suffix else content)
    with pytest.raises(DataError, match=message) as err:
        read_idx(path)
    assert str(err.value).startswith(str(path))


def test_header_claiming_huge_data_is_refused_before_allocating(tmp_path):
    path = tmp_path / "huge.gz"
    path.write_bytes(gzip.compress(idx_bytes(0x08, (60000, 60000, 60000), b"\0" * 100)))
    with pytest.raises(DataError, match="more than a gzip file of"):
        read_idx(path)
    raw = tmp_path / "huge"
    raw.write_bytes(idx_bytes(0x08, (60000, 60000, 60000), b"\0" * 100))
    with pytest.raises(DataError, match="it is truncated"):
        read_idx(raw)


def test_truncated_gzip(tmp_path):
    good = gzip.compress(idx_bytes(0x08, (1000,), np.arange(1000, dtype=np.uint32).astype(np.uint8).tobytes()))
    path = tmp_path / "t.gz"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(DataError, match=r"t\.gz: .*truncated"):
        read_idx(path)
    path.write_bytes(good[:-4])  # only the length trailer missing
    with pytest.raises(DataError, match="truncated"):
        read_idx(path)


def test_corrupted_gzip(tmp_path):
    data = bytearray(gzip.compress(idx_bytes(0x08, (1000,), bytes(range(250)) * 4)))
    data[-6] ^= 0xFF  # inside the CRC: the payload decompresses but does not check
    path = tmp_path / "c.gz"
    path.write_bytes(bytes(data))
    with pytest.raises(DataError, match=r"c\.gz: the gzip data is corrupted"):
        read_idx(path)
    data = bytearray(gzip.compress(idx_bytes(0x08, (1000,), bytes(range(250)) * 4)))
    data[20:30] = b"\xff" * 10  # inside the deflate stream
    path.write_bytes(bytes(data))
    with pytest.raises(DataError, match="corrupted|truncated"):
        read_idx(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        read_idx(tmp_path / "nope")
    with pytest.raises(DataError, match="is a folder"):
        read_idx(tmp_path)
