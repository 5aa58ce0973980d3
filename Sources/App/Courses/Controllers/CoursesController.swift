import Hummingbird
import MeiduoRules

/// The course shop's endpoints (seeds 002/003): the catalog for anyone, lessons for whoever may watch them, free
/// enrolment and my courses for the logged-in user.
struct CoursesController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.open.get("courses/categories", use: categories)
        routes.open.get("courses", use: list)
        routes.open.get("courses/search", use: search)
        routes.open.get("courses/:id", use: detail)
        routes.open.get("courses/:id/chapters", use: chapters)
        routes.open.get("courses/:id/lessons/:lesson_id", use: lesson)
        routes.user.post("courses/:id/enrol", use: enrol)
        routes.user.get("my/courses", use: mine)
        routes.user.post("my/courses/:id/progress", use: progress)
    }

    var views: CourseViews { CourseViews(services: services) }

    @Sendable func categories(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await cached(request, context) { try await CourseCatalog(services: services).categories().map { CourseCategoryDTO(id: $0.id, name: $0.name) } }
    }

    /// Public answers are the same for everyone at a moment (prices follow the shop clock, so it is part of the key):
    /// kept for seconds as the catalog's are, and forgotten when a course is written.
    func cached(_ request: Request, _ context: AppRequestContext, produce: () async throws -> some Encodable) async throws -> Response {
        let moment = Int(services.clock.now().timeIntervalSince1970) / 10
        return try await services.catalogCaches.responses.json(request, context: context, variant: "courses@\(moment)", produce: produce)
    }

    /// `?category=&type=&ordering=&page=&page_size=`; an unknown category lists nothing, a bad type or ordering is a field error.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await cached(request, context) { try await listPage(request) }
    }

    func listPage(_ request: Request) async throws -> Page<CourseListItemDTO> {
        let query = request.uri.queryParameters
        var filter = CourseCatalog.Filter()
        if let raw = query.get("category"), !raw.isEmpty {
            guard let id = Int(raw), id >= 0, id <= Int(Int32.max) else { throw APIError.field("category", "请输入合法的整数。") }
            filter.categoryID = id == 0 ? nil : id
        }
        if let raw = query.get("type"), !raw.isEmpty {
            guard let value = Int(raw), let kind = CourseRules.Kind(rawValue: value) else { throw APIError.field("type", "“\(raw)” 不是合法选项。") }
            filter.kind = kind
        }
        let ordering = try CourseCatalog.Ordering.parse(query.get("ordering").map { String($0) })
        return try await views.page(filter, ordering: ordering, page: try PageRequest.parse(request, defaultSize: 10, maxSize: 50), request: request)
    }

    /// `?text=&price_min=&price_max=&ordering=&page=&page_size=`: courses whose name holds every word of `text`
    /// (CJK-aware, as SKU search), or priced exactly `text` when it reads as a price; bounds in yuan.
    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await cached(request, context) { try await searchPage(request) }
    }

    func searchPage(_ request: Request) async throws -> Page<CourseListItemDTO> {
        let query = request.uri.queryParameters
        let text = query.get("text").map { String($0) } ?? ""
        guard text.count <= 100 else { throw APIError.field("text", DRFMessage.maxLength(100)) }
        var filter = CourseCatalog.Filter.search(text)
        guard !filter.nameTokens.isEmpty || filter.price != nil else { throw APIError.field("text", "请输入要搜索的课程名称或价格") }
        for (name, bound) in [("price_min", \CourseCatalog.Filter.priceMin), ("price_max", \CourseCatalog.Filter.priceMax)] {
            guard let raw = query.get(name), !raw.isEmpty else { continue }
            guard let cents = Money.parse(String(raw)), cents >= 0 else { throw APIError.field(name, "请填写合法的价格。") }
            filter[keyPath: bound] = cents
        }
        let ordering = try CourseCatalog.Ordering.parse(query.get("ordering").map { String($0) })
        return try await views.page(filter, ordering: ordering, page: try PageRequest.parse(request, defaultSize: 10, maxSize: 50), request: request)
    }

    /// A logged-in caller's answer carries their enrolment, so only the anonymous one is cached.
    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.pathID("id")
        if let user = context.optionalUser { return try await views.detail(id, userID: user.id).response(from: request, context: context) }
        return try await cached(request, context) { try await views.detail(id, userID: nil) }
    }

    @Sendable func chapters(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.pathID("id")
        return try await cached(request, context) { try await views.chapters(id) }
    }

    @Sendable func lesson(_ request: Request, context: AppRequestContext) async throws -> LessonDTO {
        if case .rejected(let error) = context.auth { throw error }
        return try await views.lesson(try context.pathID("lesson_id"), courseID: try context.pathID("id"), user: context.optionalUser)
    }

    @Sendable func enrol(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<MyCourseDTO> {
        let user = try context.requireUser()
        return EditedResponse(status: .created, response: try await views.enrolFree(try context.pathID("id"), userID: user.id))
    }

    @Sendable func mine(_ request: Request, context: AppRequestContext) async throws -> [MyCourseDTO] {
        try await views.mine(userID: try context.requireUser().id)
    }

    /// `{lesson}`: the lesson just watched.
    @Sendable func progress(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let lesson = form.int("lesson", min: 1, max: Int(Int32.max))
        try form.finish()
        try await views.markProgress(courseID: try context.pathID("id"), lessonID: lesson!, userID: user.id)
        return Response(status: .noContent)
    }

}
