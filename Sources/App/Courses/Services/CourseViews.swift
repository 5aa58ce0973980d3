import Foundation
import Hummingbird
import MeiduoRules

/// Turns the course catalog and enrolments into the API's answers, priced at `now`. Lesson media leave only as signed
/// URLs, and only to someone allowed to see them: enrolled with access today, or the lesson is a free trial.
public struct CourseViews: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    var catalog: CourseCatalog { CourseCatalog(services: services) }

    public func page(_ filter: CourseCatalog.Filter, ordering: CourseCatalog.Ordering, page: PageRequest, request: Request) async throws -> Page<CourseListItemDTO> {
        let count = try await catalog.count(filter)
        try page.validate(count: count)
        let now = services.clock.now()
        let courses = try await catalog.page(filter, ordering: ordering, limit: page.size, offset: page.offset)
        let lessons = try await catalog.lessons(courseIDs: courses.map(\.id), now: now)
        return Page(count: count, results: courses.map { listItem($0, lessons: lessons[$0.id] ?? [], now: now) }, request: page, httpRequest: request)
    }

    public func detail(_ courseID: Int, userID: Int?) async throws -> CourseDetailDTO {
        guard let course = try await catalog.course(courseID) else { throw APIError.notFound }
        let now = services.clock.now()
        let chapters = try await catalog.chapters(courseID: courseID, now: now)
        let options = try await catalog.options(of: course)
        let enrolment = try await userID.asyncMap { try await Enrolments(services: services).enrolment(userID: $0, courseID: courseID) } ?? nil
        let active = course.discount?.isActive(at: now) == true
        return CourseDetailDTO(
            course: listItem(course, lessons: chapters.flatMap(\.lessons), now: now), brief: course.brief, level_name: course.level.title,
            type_name: course.kind.title, status: course.status.rawValue, discount_end: active ? course.discount?.end : nil,
            chapters: chapters.map { CourseChapterDTO(id: $0.id, chapter: $0.number, name: $0.name, summary: $0.summary, lessons: $0.lessons.map(Self.summary)) },
            expires: options.map { option($0, course: course, now: now) },
            enrolled: enrolment?.hasAccess(at: now) ?? false, out_time: enrolment?.end)
    }

    public func chapters(_ courseID: Int) async throws -> [CourseChapterDTO] {
        guard try await catalog.course(courseID) != nil else { throw APIError.notFound }
        return try await catalog.chapters(courseID: courseID, now: services.clock.now()).map {
            CourseChapterDTO(id: $0.id, chapter: $0.number, name: $0.name, summary: $0.summary, lessons: $0.lessons.map(Self.summary))
        }
    }

    /// A lesson with its media URL, for the enrolled (access checked against the clock now) or a free trial; 401 for an
    /// anonymous caller and 403 for anyone else asking for a paid lesson.
    public func lesson(_ lessonID: Int, courseID: Int, user: AuthUser?) async throws -> LessonDTO {
        let now = services.clock.now()
        guard let lesson = try await catalog.lesson(lessonID, courseID: courseID, now: now) else { throw APIError.notFound }
        if !lesson.freeTrial {
            guard let user else { throw APIError.notAuthenticated }
            let enrolment = try await Enrolments(services: services).enrolment(userID: user.id, courseID: courseID)
            guard enrolment?.hasAccess(at: now) == true else { throw CoursesError.notEnrolled }
        }
        let expires = now.addingTimeInterval(TimeInterval(services.config.courseMediaURLSeconds))
        let url = lesson.mediaKey.map { services.storage.signedURL(for: $0, expires: expires, now: now) }
        return LessonDTO(id: lesson.id, course: courseID, name: lesson.name, section_type: lesson.kind.rawValue, duration: lesson.duration,
                         free_trail: lesson.freeTrial, media_url: url, media_expires: url == nil ? nil : expires)
    }

    public func enrolFree(_ courseID: Int, userID: Int) async throws -> MyCourseDTO {
        guard let course = try await catalog.course(courseID) else { throw APIError.notFound }
        let enrolment = try await Enrolments(services: services).enrolFree(userID: userID, course: course, options: try await catalog.options(of: course),
                                                                             now: services.clock.now())
        return try await mine(userID: userID).first { $0.course.id == enrolment.courseID } ?? myCourse(enrolment, course: course, lastLesson: nil)
    }

    /// My courses, latest first, with validity and the last lesson watched.
    public func mine(userID: Int) async throws -> [MyCourseDTO] {
        let enrolments = try await Enrolments(services: services).enrolments(userID: userID)
        let now = services.clock.now()
        var answers: [MyCourseDTO] = []
        let lessons = try await catalog.lessons(courseIDs: enrolments.map(\.courseID), now: now)
        for enrolment in enrolments {
            guard let course = try await catalog.course(enrolment.courseID) else { continue }
            let last = enrolment.lastLessonID.flatMap { id in lessons[course.id]?.first { $0.id == id } }
            answers.append(myCourse(enrolment, course: course, lastLesson: last))
        }
        return answers
    }

    /// Remembers the lesson an enrolled user watched last (403 for anyone without access, 404 for a lesson not in the course).
    public func markProgress(courseID: Int, lessonID: Int, userID: Int) async throws {
        let now = services.clock.now()
        guard try await catalog.lesson(lessonID, courseID: courseID, now: now) != nil else { throw APIError.field("lesson", "课时不存在") }
        let enrolments = Enrolments(services: services)
        guard try await enrolments.enrolment(userID: userID, courseID: courseID)?.hasAccess(at: now) == true else { throw CoursesError.notEnrolled }
        try await enrolments.markProgress(userID: userID, courseID: courseID, lessonID: lessonID, now: now)
    }

    func myCourse(_ enrolment: Enrolments.Enrolment, course: CourseCatalog.Course, lastLesson: CourseCatalog.Lesson?) -> MyCourseDTO {
        MyCourseDTO(course: .init(id: course.id, name: course.name, course_img: imageURL(course.image), lessons: course.publishedLessons),
                    pay_time: enrolment.payTime, out_time: enrolment.end, expired: !enrolment.hasAccess(at: services.clock.now()),
                    buy_type: enrolment.source, last_lesson: lastLesson.map(Self.summary))
    }

    func listItem(_ course: CourseCatalog.Course, lessons: [CourseCatalog.Lesson], now: Date) -> CourseListItemDTO {
        let active = course.discount?.isActive(at: now) == true
        return CourseListItemDTO(
            id: course.id, name: course.name, course_img: imageURL(course.image), course_type: course.kind.rawValue, level: course.level.rawValue,
            students: course.students, lessons: course.lessons, pub_lessons: course.publishedLessons, price: Money.format(cents: course.price),
            real_price: Money.format(cents: CourseRules.realPrice(course.price, discount: course.discount, now: now)),
            discount_type: active ? course.discount?.name ?? "" : "",
            teacher: CourseTeacherDTO(id: course.teacher.id, name: course.teacher.name, title: course.teacher.title, signature: course.teacher.signature,
                                      image: imageURL(course.teacher.image), brief: course.teacher.brief),
            section_list: lessons.prefix(4).map(Self.summary))
    }

    /// A validity option priced at `now`.
    func option(_ option: CourseCatalog.Option, course: CourseCatalog.Course, now: Date) -> CourseOptionDTO {
        CourseOptionDTO(id: option.id, expire_time: option.days, expire_text: CourseRules.expireText(days: option.days),
                        price: Money.format(cents: option.price),
                        real_price: Money.format(cents: CourseRules.realPrice(option.price, discount: course.discount, now: now)))
    }

    func imageURL(_ key: String) -> String {
        services.storage.imageURL(key)
    }

    static func summary(_ lesson: CourseCatalog.Lesson) -> LessonSummaryDTO {
        LessonSummaryDTO(id: lesson.id, name: lesson.name, section_type: lesson.kind.rawValue, duration: lesson.duration, free_trail: lesson.freeTrial)
    }
}

extension Optional {
    /// `map` for an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
