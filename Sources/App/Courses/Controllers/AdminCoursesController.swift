import Foundation
import Hummingbird
import MeiduoRules

/// The course shop in the back office (`courses.read` / `courses.write`): categories, teachers, courses with options,
/// discount, chapters and lessons, lesson media uploads (the body is the file), course images, enrolments.
struct AdminCoursesController {
    let services: AppServices

    func addRoutes(to routes: AppRoutes) {
        let read = routes.staff(.courses, .read), write = routes.staff(.courses, .write)
        read.get("admin/api/course-categories", use: categories)
        write.post("admin/api/course-categories", use: createCategory)
        read.get("admin/api/teachers", use: teachers)
        write.post("admin/api/teachers", use: createTeacher)
        read.get("admin/api/courses", use: list)
        write.post("admin/api/courses", use: create)
        read.get("admin/api/courses/:id", use: detail)
        write.put("admin/api/courses/:id", use: update)
        write.post("admin/api/courses/:id/image", use: uploadImage)
        write.post("admin/api/courses/:id/options", use: addOption)
        write.delete("admin/api/courses/:id/options/:option_id", use: deleteOption)
        write.post("admin/api/courses/:id/chapters", use: addChapter)
        write.post("admin/api/course-chapters/:id/lessons", use: addLesson)
        write.post("admin/api/course-lessons/:id/media", use: uploadMedia)
        read.get("admin/api/courses/:id/enrolments", use: enrolments)
    }

    var editor: CourseEditor { CourseEditor(services: services) }

    @Sendable func categories(_ request: Request, context: AppRequestContext) async throws -> [AdminCourseRefDTO] { try await editor.categories() }
    @Sendable func teachers(_ request: Request, context: AppRequestContext) async throws -> [AdminCourseRefDTO] { try await editor.teachers() }

    /// `{name}`.
    @Sendable func createCategory(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AdminCourseRefDTO> {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let name = form.string("name", maxLength: 64)
        try form.finish()
        let id = try await editor.createCategory(name: name!)
        context.audit?.record(target: "course_categories", id: id, after: ["name": name!], summary: "新建课程分类 \(name!)")
        return EditedResponse(status: .created, response: AdminCourseRefDTO(id: id, name: name!, courses: 0))
    }

    /// `{name, title, brief?}`.
    @Sendable func createTeacher(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AdminCourseRefDTO> {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let name = form.string("name", maxLength: 32)
        let title = form.string("title", maxLength: 64)
        let brief = form.string("brief", required: false, allowBlank: true, maxLength: 1000) ?? ""
        try form.finish()
        let id = try await CourseWriter(services: services).createTeacher(name: name!, title: title!, brief: brief)
        context.audit?.record(target: "teachers", id: id, after: ["name": name!, "title": title!], summary: "新建讲师 \(name!)")
        return EditedResponse(status: .created, response: AdminCourseRefDTO(id: id, name: name!, courses: 0))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<AdminCourseRowDTO> {
        let page = try PageRequest.parse(request, defaultSize: 20, maxSize: 100)
        var form = FormReader(RequestInput.query(of: request))
        let query = form.string("q", required: false, maxLength: 64)
        try form.finish()
        return try await editor.list(query: query, page: page, request: request)
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> AdminCourseDTO {
        try await editor.detail(try context.pathID())
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AdminCourseDTO> {
        let fields = try await courseFields(request, context: context)
        let id = try await editor.create(fields)
        let created = try await editor.detail(id)
        context.audit?.record(target: "courses", id: id, after: created, summary: "新建课程 \(created.name)")
        return EditedResponse(status: .created, response: created)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> AdminCourseDTO {
        let id = try context.pathID()
        let fields = try await courseFields(request, context: context)
        let before = try await editor.detail(id)
        try await editor.update(id, fields)
        let after = try await editor.detail(id)
        context.audit?.record(target: "courses", id: id, before: Snapshot(before), after: Snapshot(after), summary: "修改课程 \(after.name)")
        return after
    }

    /// `{name, category_id, teacher_id, course_type, level, status, brief?, price, discount_name?, discount_sale?, discount_start?, discount_end?}`.
    func courseFields(_ request: Request, context: AppRequestContext) async throws -> CourseEditor.Fields {
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let name = form.string("name", maxLength: 128)
        let category = form.int("category_id", min: 1, max: Int(Int32.max))
        let teacher = form.int("teacher_id", min: 1, max: Int(Int32.max))
        let kind = form.int("course_type", min: 0, max: 2)
        let level = form.int("level", min: 0, max: 2)
        let status = form.int("status", min: 0, max: 2)
        let brief = form.string("brief", required: false, allowBlank: true, maxLength: 2000) ?? ""
        let price = form.money("price")
        let discountName = form.string("discount_name", required: false, maxLength: 32)
        let discountSale = form.string("discount_sale", required: false, maxLength: 16)
        let discountStart = form.date("discount_start")
        let discountEnd = form.date("discount_end")
        var discount: CourseRules.Discount?
        if discountName != nil || discountSale != nil || discountStart != nil || discountEnd != nil {
            if let discountName, let discountSale, let discountStart, let discountEnd {
                if CouponRules.discount(sale: discountSale) == nil { form.errors.add("discount_sale", "优惠写作 -10（减 10 元）或 *0.8（八折）。") }
                if discountStart >= discountEnd { form.errors.add("discount_end", "结束时间应晚于开始时间。") }
                discount = CourseRules.Discount(name: discountName, sale: discountSale, start: discountStart, end: discountEnd)
            } else {
                form.errors.add("discount_name", "限时优惠需同时填写名称、优惠、开始和结束时间。")
            }
        }
        try form.finish()
        return CourseEditor.Fields(name: name!, categoryID: category!, teacherID: teacher!, kind: CourseRules.Kind(rawValue: kind!)!,
                                   level: CourseRules.Level(rawValue: level!)!, status: CourseRules.Status(rawValue: status!)!, brief: brief,
                                   price: price!, discount: discount)
    }

    @Sendable func uploadImage(_ request: Request, context: AppRequestContext) async throws -> AdminCourseDTO {
        let id = try context.pathID()
        _ = try await editor.detail(id)
        let key = try await StaffUploads(services: services).store(request, folder: "courses")
        try await editor.setImage(id, key: key)
        context.audit?.record(target: "courses", id: id, after: ["course_img": key], summary: "上传课程封面")
        return try await editor.detail(id)
    }

    /// `{days, price}`: days 0 is 永久有效. Answers the new option.
    @Sendable func addOption(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AdminCourseOptionDTO> {
        let id = try context.pathID()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let days = form.int("days", min: 0, max: 3650)
        let price = form.money("price")
        try form.finish()
        try await editor.addOption(courseID: id, days: days!, price: price!)
        guard let option = try await editor.detail(id).options.first(where: { $0.days == days! }) else { throw APIError.notFound }
        context.audit?.record(target: "courses", id: id, after: option, summary: "新增有效期价格 \(option.expire_text)")
        return EditedResponse(status: .created, response: option)
    }

    @Sendable func deleteOption(_ request: Request, context: AppRequestContext) async throws -> AdminCourseDTO {
        let id = try context.pathID(), optionID = try context.pathID("option_id")
        let before = try await editor.detail(id).options.first { $0.id == optionID }
        try await editor.deleteOption(courseID: id, optionID: optionID)
        context.audit?.record(target: "courses", id: id, before: before, summary: "删除有效期价格")
        return try await editor.detail(id)
    }

    /// `{name, summary?}`. Answers the new chapter.
    @Sendable func addChapter(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AdminChapterDTO> {
        let id = try context.pathID()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let name = form.string("name", maxLength: 128)
        let summary = form.string("summary", required: false, allowBlank: true, maxLength: 1000) ?? ""
        try form.finish()
        try await editor.addChapter(courseID: id, name: name!, summary: summary)
        guard let chapter = try await editor.detail(id).chapters.last else { throw APIError.notFound }
        context.audit?.record(target: "courses", id: id, after: chapter, summary: "新增章节 \(chapter.name)")
        return EditedResponse(status: .created, response: chapter)
    }

    /// `{name, section_type, duration?, free_trail?, pub_date?}`; the media is uploaded next.
    @Sendable func addLesson(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AdminLessonDTO> {
        let chapterID = try context.pathID()
        var form = FormReader(try await RequestInput.body(of: request, context: context))
        let name = form.string("name", maxLength: 128)
        let kind = form.int("section_type", min: 0, max: 2)
        let duration = form.int("duration", required: false, min: 0, max: 86_400) ?? 0
        let trial = form.bool("free_trail", default: false)
        let publish = form.date("pub_date")
        try form.finish()
        let lesson = CourseWriter.NewLesson(name: name!, kind: CourseRules.LessonKind(rawValue: kind!)!, duration: duration, freeTrial: trial ?? false,
                                            publishDate: publish)
        let id = try await editor.addLesson(chapterID: chapterID, lesson: lesson)
        let created = try await lessonDTO(id)
        context.audit?.record(target: "course_lessons", id: id, after: created, summary: "新增课时 \(created.name)")
        return EditedResponse(status: .created, response: created)
    }

    /// The body is the lesson's video (MP4, WebM) or document (PDF), up to 2 GB, streamed to disk and on to storage
    /// (`StagedFile`); stored under `private/`.
    @Sendable func uploadMedia(_ request: Request, context: AppRequestContext) async throws -> AdminLessonDTO {
        let lessonID = try context.pathID()
        guard let kind = try await editor.lessonKind(lessonID) else { throw APIError.notFound }
        let stored = try await StaffUploads(services: services).storeMedia(request, folder: PrivateMedia.prefix + "courses") { $0.suits(kind) }
        try await editor.setLessonMedia(lessonID: lessonID, key: stored.key)
        context.audit?.record(target: "course_lessons", id: lessonID, after: ["media_key": stored.key], summary: "上传课时\(stored.kind == .pdf ? "文档" : "视频")")
        return try await lessonDTO(lessonID)
    }

    func lessonDTO(_ lessonID: Int) async throws -> AdminLessonDTO {
        guard let row = try await services.readSQL().raw("SELECT course_id FROM course_lessons WHERE id = \(bind: lessonID)").first() else { throw APIError.notFound }
        let course = try await editor.detail(try row.decode(column: "course_id", as: Int.self))
        guard let lesson = course.chapters.flatMap(\.lessons).first(where: { $0.id == lessonID }) else { throw APIError.notFound }
        return lesson
    }

    @Sendable func enrolments(_ request: Request, context: AppRequestContext) async throws -> [AdminEnrolmentDTO] {
        let id = try context.pathID()
        _ = try await editor.detail(id)
        return try await editor.enrolments(courseID: id)
    }

    /// What the audit row keeps of a course: its own fields, not its chapters.
    struct Snapshot: Encodable {
        let name: String, category_id: Int, teacher_id: Int, course_type: Int, level: Int, status: Int, price: String, discount: AdminCourseDiscountDTO?

        init(_ course: AdminCourseDTO) {
            name = course.name; category_id = course.category_id; teacher_id = course.teacher_id; course_type = course.course_type
            level = course.level; status = course.status; price = course.price; discount = course.discount
        }
    }
}
