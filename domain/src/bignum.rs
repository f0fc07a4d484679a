//! An unsigned number of any size, little-endian in 32-bit limbs: just enough arithmetic for exact
//! products of price changes and indexations (`costs::forecast`, `tender::price`), which may exceed
//! 128 bits before they are divided back down.

pub(crate) struct Big(Vec<u32>);

impl Big {
    pub(crate) fn from_u128(v: u128) -> Big {
        Big((0..4).map(|i| (v >> (32 * i)) as u32).collect())
    }

    pub(crate) fn mul_small(&mut self, m: u64) {
        let mut carry: u128 = 0;
        for limb in &mut self.0 {
            let x = u128::from(*limb) * u128::from(m) + carry;
            *limb = x as u32;
            carry = x >> 32;
        }
        while carry > 0 {
            self.0.push(carry as u32);
            carry >>= 32;
        }
    }

    /// Floor division by `d` (> 0).
    pub(crate) fn div_small(&mut self, d: u64) {
        let mut rem: u128 = 0;
        for limb in self.0.iter_mut().rev() {
            let x = (rem << 32) | u128::from(*limb);
            *limb = (x / u128::from(d)) as u32;
            rem = x % u128::from(d);
        }
    }

    pub(crate) fn add_one(&mut self) {
        for limb in &mut self.0 {
            let (v, overflow) = limb.overflowing_add(1);
            *limb = v;
            if !overflow {
                return;
            }
        }
        self.0.push(1);
    }

    /// The value, when it fits in 128 bits.
    pub(crate) fn to_u128(&self) -> Option<u128> {
        if self.0.iter().skip(4).any(|l| *l != 0) {
            return None;
        }
        Some(self.0.iter().take(4).rev().fold(0u128, |acc, l| (acc << 32) | u128::from(*l)))
    }
}

#[cfg(test)]
mod tests {
    use super::Big;

    #[test]
    fn products_beyond_128_bits_divide_back_exactly() {
        let mut n = Big::from_u128(u128::MAX / 3);
        n.mul_small(1_000_000);
        assert_eq!(n.to_u128(), None, "too big for 128 bits");
        n.div_small(1_000_000);
        n.add_one();
        assert_eq!(n.to_u128(), Some(u128::MAX / 3 + 1));
    }
}
