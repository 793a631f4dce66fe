// Battery items that no lesson's wrong fix can reach yet, and so are proven by test/battery.test.ts
// instead: no lesson is cross-site, and lesson 12's own check asks for Secure before the battery.
export const PROVEN_BY_UNIT_TESTS = ["cookie.secure", "cookie.samesite"];
