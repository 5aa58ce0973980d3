/// Tiny trigonometry helpers so the captcha code needs neither Foundation nor libc.
enum CaptchaMath {
    /// sin(x) via range reduction to [-pi/2, pi/2] and a Taylor polynomial
    /// (absolute error below 1e-6, plenty for pixel geometry).
    static func sin(_ x: Double) -> Double {
        guard x.isFinite else { return .nan }
        let twoPi = 2 * Double.pi
        var r = x - twoPi * (x / twoPi).rounded(.down) // r in [0, 2pi)
        if r > Double.pi { r -= twoPi }                  // r in (-pi, pi]
        if r > Double.pi / 2 { r = Double.pi - r }      // sin(pi - r) == sin(r)
        if r < -Double.pi / 2 { r = -Double.pi - r }
        let r2 = r * r
        // r - r^3/3! + r^5/5! - ... up to r^11, evaluated Horner-style.
        return r * (1 - r2 / 6 * (1 - r2 / 20 * (1 - r2 / 42 * (1 - r2 / 72 * (1 - r2 / 110)))))
    }

    static func cos(_ x: Double) -> Double {
        sin(x + Double.pi / 2)
    }
}
