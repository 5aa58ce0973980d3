import Hummingbird
import MeiduoRules

/// `/cart/courses/` (seed 002's course cart, `CartViewSet`): beside `/cart/`, whose SKU lines the Meiduo front end
/// reads, so one checkout takes both. Logged-in users only: a course is bought into an account.
struct CourseCartController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        routes.user.get("cart/courses", use: list)
        routes.user.post("cart/courses", use: add)
        routes.user.patch("cart/courses", use: changeOption)
        routes.user.put("cart/courses", use: select)
        routes.user.delete("cart/courses", use: remove)
    }

    var cart: CourseCart { CourseCart(services: services) }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> CourseCartDTO {
        let lines = try await cart.lines(userID: try context.requireUser().id)
        let picked = lines.filter(\.selected)
        return CourseCartDTO(count: lines.count, selected_count: picked.count,
                             total: Money.format(cents: picked.reduce(0) { $0 + $1.price }), results: lines.map(dto))
    }

    /// `{course_id, expire_id}` (expire_id 0 or left out: a course's only, permanent option).
    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<CartCourseDTO> {
        let user = try context.requireUser()
        let (course, expire) = try await readLine(request, context)
        return EditedResponse(status: .created, response: dto(try await cart.add(userID: user.id, courseID: course, expireID: expire)))
    }

    /// seed 002's `change_course_expire`: `{course_id, expire_id}`.
    @Sendable func changeOption(_ request: Request, context: AppRequestContext) async throws -> CartCourseDTO {
        let user = try context.requireUser()
        let (course, expire) = try await readLine(request, context)
        return dto(try await cart.changeOption(userID: user.id, courseID: course, expireID: expire))
    }

    /// seed 002's `change_course_status`: `{course_id, selected}`, or `{selected}` for every course.
    @Sendable func select(_ request: Request, context: AppRequestContext) async throws -> MessageDTO {
        let user = try context.requireUser()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let course = form.int("course_id", required: false, min: 1, max: Int(Int32.max))
        let selected = form.bool("selected")
        try form.finish()
        try await cart.select(userID: user.id, courseID: course, selected: selected!)
        return .ok
    }

    /// `{course_id}`: gone from the cart (also when it was not there).
    @Sendable func remove(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let course = form.int("course_id", min: 1, max: Int(Int32.max))
        try form.finish()
        try await cart.remove(userID: user.id, courseID: course!)
        return Response(status: .noContent)
    }

    func readLine(_ request: Request, _ context: AppRequestContext) async throws -> (course: Int, expire: Int?) {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let course = form.int("course_id", min: 1, max: Int(Int32.max))
        let expire = form.int("expire_id", required: false, min: 0, max: Int(Int32.max))
        try form.finish()
        return (course!, expire)
    }

    func dto(_ line: CourseCart.Line) -> CartCourseDTO {
        let now = services.clock.now()
        let views = CourseViews(services: services)
        return CartCourseDTO(
            course_id: line.course.id, course_name: line.course.name, course_img: views.imageURL(line.course.image), expire_id: line.expireID,
            expire_time: line.option.days, expire_text: CourseRules.expireText(days: line.option.days), price: Money.format(cents: line.option.price),
            real_price: Money.format(cents: line.price),
            discount_type: line.course.discount?.isActive(at: now) == true ? line.course.discount?.name ?? "" : "",
            selected: line.selected, expires: line.options.map { views.option($0, course: line.course, now: now) })
    }
}
