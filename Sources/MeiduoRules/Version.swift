public enum MeiduoRulesVersion { public static let v = 1 }
