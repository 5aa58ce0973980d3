import Hummingbird

/// Refusals of the accounts endpoints, in the shapes and words of the original Meiduo back end.
public enum UsersError: DRFError, Equatable {
    case imageCodeExpired
    case imageCodeWrong
    case smsTooFrequent
    case smsCodeExpired
    case smsCodeWrong
    case passwordsDiffer
    case agreementNotAccepted
    case usernameTaken
    case mobileTaken
    case badCredentials
    case tooManyLoginFailures(retryAfter: Int)
    case wrongOldPassword
    case accountNotFound
    /// `GET /sms_codes/?access_token=`: the view's own answers.
    case missingAccessToken
    case invalidAccessToken
    case smsTooFrequentForReset
    /// `POST /users/<id>/password/` and `POST /oauth/qq/user/`: their serializers' `validate()` refusals.
    case invalidResetToken
    case invalidBindingToken
    /// `GET /oauth/qq/user/` without `code`.
    case missingQQCode
    case invalidVerificationLink
    case addressLimitReached(Int)
    case addressNotFound
    case areaNotFound
    case qqUnavailable
    case qqLoginFailed
    case wrongPasswordForBinding
    case qqAlreadyBound
    case alipayUnavailable
    /// `alipay.system.oauth.token` or `alipay.user.info.share` refused (a used or foreign code, an answer not signed by Alipay).
    case alipayLoginFailed
    case alipayAlreadyBound
    case wechatUnavailable
    /// code2session refused the code (invalid, used, or not this app's).
    case wechatLoginFailed
    case wechatAlreadyBound

    public var status: HTTPResponse.Status {
        switch self {
        case .tooManyLoginFailures, .smsTooFrequentForReset: return .tooManyRequests
        case .accountNotFound, .addressNotFound, .areaNotFound: return .notFound
        case .qqUnavailable, .wechatUnavailable, .alipayUnavailable: return .serviceUnavailable
        default: return .badRequest
        }
    }

    public var body: ErrorBody {
        switch self {
        case .imageCodeExpired: return .nonField(["图片验证码无效"])
        case .imageCodeWrong: return .nonField(["图片验证码错误"])
        case .smsTooFrequent: return .nonField(["发送短信次数过于频繁"])
        case .smsTooFrequentForReset: return .message("发送短信次数过于频繁")
        case .smsCodeExpired: return .nonField(["无效的短信验证码"])
        case .smsCodeWrong: return .nonField(["短信验证码错误"])
        case .passwordsDiffer: return .nonField(["两次密码不一致"])
        case .agreementNotAccepted: return .fields(["allow": ["请同意用户协议"]])
        case .usernameTaken: return .fields(["username": ["用户名已存在"]])
        case .mobileTaken: return .fields(["mobile": ["手机号已注册"]])
        case .badCredentials: return .nonField(["无法使用提供的认证信息登录。"])
        case .tooManyLoginFailures(let seconds): return .detail("登录失败次数过多，请在\(seconds)秒后再试。")
        case .wrongOldPassword: return .fields(["old_password": ["原密码错误"]])
        case .accountNotFound: return .message("用户不存在")
        case .missingAccessToken: return .message("缺少access_token")
        case .invalidAccessToken: return .message("无效的access token")
        case .invalidResetToken: return .nonField(["无效的access token"])
        case .invalidBindingToken: return .nonField(["无效的access_token"])
        case .missingQQCode: return .message("缺少code")
        case .invalidVerificationLink: return .message("链接信息无效")
        case .addressLimitReached(let n): return .message("保存地址数据已达到上限（\(n)个）")
        case .addressNotFound: return .detail("未找到。")
        case .areaNotFound: return .detail("未找到。")
        case .qqUnavailable: return .message("QQ服务异常")
        case .qqLoginFailed: return .message("QQ登录失败")
        case .wrongPasswordForBinding: return .message("密码错误")
        case .qqAlreadyBound: return .message("该QQ账号已绑定其他用户")
        case .alipayUnavailable: return .message("支付宝服务异常")
        case .alipayLoginFailed: return .message("支付宝登录失败")
        case .alipayAlreadyBound: return .message("该支付宝账号已绑定其他用户")
        case .wechatUnavailable: return .message("微信服务异常")
        case .wechatLoginFailed: return .fields(["code": ["微信登录失败，请重新授权"]])
        case .wechatAlreadyBound: return .nonField(["该微信已绑定其他手机号"])
        }
    }
}
