import Foundation
import MeiduoRules
@testable import App

/// A small course shop written through `CourseWriter`: two categories, a teacher, and courses of each kind.
struct CourseShop: Sendable {
    let backend: Int
    let frontend: Int
    /// 实战课 in 后端: options 30 days ¥99, 90 days ¥249, permanent ¥499; lesson 1 a free trial (with media), 2 and 3 paid.
    let python: Int
    /// 免费课 in 后端, no options.
    let free: Int
    /// 轻课 in 前端 at ¥200, half price for the next 10 days, 120 students.
    let vue: Int
    /// 下线: never listed.
    let offline: Int
    let lessons: [Int]
}

extension TestEnvironment {
    func courseShop() async throws -> CourseShop {
        let writer = CourseWriter(services: services)
        let backend = try await writer.createCategory(name: "后端开发", weight: 1)
        let frontend = try await writer.createCategory(name: "前端开发", weight: 2)
        let teacher = try await writer.createTeacher(name: "Alex", title: "路飞学城教学总监", signature: "用心做好每一节课")
        for key in ["private/courses/python/1.txt", "private/courses/python/2.txt", "private/courses/python/3.txt"] {
            try await services.storage.put(Array(key.utf8), key: key, contentType: "text/plain")
        }
        var python = CourseWriter.NewCourse(name: "Python 全栈开发", categoryID: backend, teacherID: teacher, price: 499_00)
        python.options = [(30, 99_00), (90, 249_00), (0, 499_00)]
        python.students = 50
        python.chapters = [
            .init(name: "入门", lessons: [.init(name: "环境搭建", freeTrial: true, mediaKey: "private/courses/python/1.txt"),
                                         .init(name: "变量与类型", mediaKey: "private/courses/python/2.txt")]),
            .init(name: "进阶", lessons: [.init(name: "装饰器", kind: .document, mediaKey: "private/courses/python/3.txt"),
                                         .init(name: "下周发布", publishDate: services.clock.now().addingTimeInterval(7 * 86_400))]),
        ]
        let pythonID = try await writer.createCourse(python)
        var free = CourseWriter.NewCourse(name: "Git 入门", categoryID: backend, teacherID: teacher, price: 0)
        free.kind = .free
        free.chapters = [.init(name: "第一章", lessons: [.init(name: "提交与分支")])]
        let freeID = try await writer.createCourse(free)
        var vue = CourseWriter.NewCourse(name: "Vue 轻课", categoryID: frontend, teacherID: teacher, price: 200_00)
        vue.kind = .light
        vue.students = 120
        let now = services.clock.now()
        vue.discount = CourseRules.Discount(name: "限时折扣", sale: "*0.5", start: now.addingTimeInterval(-60), end: now.addingTimeInterval(10 * 86_400))
        let vueID = try await writer.createCourse(vue)
        var offline = CourseWriter.NewCourse(name: "已下线课程", categoryID: backend, teacherID: teacher, price: 10_00)
        offline.status = .offline
        let offlineID = try await writer.createCourse(offline)
        let lessons = try await CourseCatalog(services: services).chapters(courseID: pythonID, now: now.addingTimeInterval(30 * 86_400))
            .flatMap(\.lessons).map(\.id)
        return CourseShop(backend: backend, frontend: frontend, python: pythonID, free: freeID, vue: vueID, offline: offlineID, lessons: lessons)
    }

    /// Enrols a user as a paid order would: `days` more (nil: permanent).
    func enrol(_ userID: Int, in courseID: Int, days: Int?, orderID: String? = nil) async throws {
        let enrolments = Enrolments(services: services)
        let current = try await enrolments.enrolment(userID: userID, courseID: courseID)
        try await services.planExecutor.execute(enrolments.grantSteps(userID: userID, courseID: courseID, days: days, current: current,
                                                                      source: .alipay, orderID: orderID, now: services.clock.now()))
    }
}
