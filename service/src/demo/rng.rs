//! A tiny deterministic random number generator (SplitMix64) for the demo's history. Our own rather
//! than a crate's, so that the same clock gives the same rows on every platform and after every
//! dependency update, and tests can rely on it. Not for anything secret.

/// SplitMix64: one `u64` of state, a full period of 2^64, and good enough mixing for made-up data.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

impl Rng {
    /// A generator for one purpose, e.g. `Rng::new(&[SEED, vendor, month, 3])`: each combination of
    /// keys gets its own stream, so adding a draw in one place does not shift every other.
    pub fn new(keys: &[u64]) -> Self {
        let mut rng = Rng(GOLDEN);
        for k in keys {
            rng.0 ^= k.wrapping_mul(GOLDEN).rotate_left(17);
            rng.next_u64();
        }
        rng
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0). The modulo bias is irrelevant for demo data.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// A number in `lo..=hi` (`lo` when `hi < lo`).
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below(hi.abs_diff(lo) + 1) as i64
    }

    /// True with a probability of `per_mille` / 1000.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    /// One of `items` (`None` when empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len() as u64) as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_keys_give_the_same_numbers_and_other_keys_others() {
        let draw = |keys: &[u64]| {
            let mut r = Rng::new(keys);
            (0..8).map(|_| r.next_u64()).collect::<Vec<_>>()
        };
        assert_eq!(draw(&[1, 2, 3]), draw(&[1, 2, 3]));
        assert_ne!(draw(&[1, 2, 3]), draw(&[1, 2, 4]));
        assert_ne!(draw(&[1, 2]), draw(&[2, 1]));
    }

    #[test]
    fn ranges_stay_inside_their_bounds_and_reach_both_ends() {
        let mut r = Rng::new(&[7]);
        let drawn: Vec<i64> = (0..1000).map(|_| r.range(-2, 3)).collect();
        assert!(drawn.iter().all(|v| (-2..=3).contains(v)));
        assert!(drawn.contains(&-2) && drawn.contains(&3));
        assert_eq!(r.range(5, 5), 5);
        assert_eq!(r.below(0), 0);
        let hits = (0..10_000).filter(|_| r.chance(250)).count();
        assert!((2_000..3_000).contains(&hits), "{hits}");
    }
}
